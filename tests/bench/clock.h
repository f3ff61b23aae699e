/*
 * clock.h: the clocks of the benchmarks: elapsed time, and the processor
 * time of the whole process, which stays meaningful on a busy machine.
 */
#ifndef BENCH_CLOCK_H
#define BENCH_CLOCK_H

double	bench_now(void);
double	bench_cpu(void);

#endif
