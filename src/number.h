/*
 * number.h: whole numbers and registration numbers as the books write
 * them, read the same way by the validator and by rule expressions.
 */
#ifndef NUMBER_H
#define NUMBER_H

int	number_parse(const char *, long *);
int	number_regno(const char *, long *);

#endif
