#!/usr/bin/env python3
# moj-check.py: an independent reader of the Ministry-template workbooks
# that "hotich export --format moj" writes, for tests/moj.sh. It reads the
# .xlsx with zipfile and the XML inside (no spreadsheet library, nothing
# of hotich's), and works out from the form file and the exported records
# what every cell must hold.
#
#   moj-check.py csv FILE.xlsx...         the first sheets as one CSV (the
#                                         header row of the first file)
#   moj-check.py sheet FILE.xlsx          the first sheet's name
#   moj-check.py header FILE.xlsx TEMPLATE.xlsx
#                                         the header rows agree (cells
#                                         without the template's stray
#                                         spaces)
#   moj-check.py cells FORMS FORM RECORDS.csv DIR [ID...]
#                                         every cell of every workbook in
#                                         DIR is what the records say; the
#                                         ids given are those held back
import csv
import os
import re
import sys
import unicodedata
import zipfile
import xml.etree.ElementTree as ET

NS = '{http://schemas.openxmlformats.org/spreadsheetml/2006/main}'
RNS = '{http://schemas.openxmlformats.org/officeDocument/2006/relationships}'


def colnum(ref):
    n = 0
    for ch in re.match(r'[A-Z]+', ref).group(0):
        n = n * 26 + ord(ch) - 64
    return n - 1


def read_xlsx(path):
    """The first sheet: its name and its rows as lists of strings."""
    z = zipfile.ZipFile(path)
    if z.testzip() is not None:
        raise SystemExit('%s: damaged zip member' % path)
    ss = []
    if 'xl/sharedStrings.xml' in z.namelist():
        root = ET.fromstring(z.read('xl/sharedStrings.xml'))
        for si in root.findall(NS + 'si'):
            ss.append(''.join(t.text or '' for t in si.iter(NS + 't')))
    wb = ET.fromstring(z.read('xl/workbook.xml'))
    sheet = wb.find(NS + 'sheets')[0]
    rels = ET.fromstring(z.read('xl/_rels/workbook.xml.rels'))
    target = None
    for r in rels:
        if r.get('Id') == sheet.get(RNS + 'id'):
            target = r.get('Target')
    if target.startswith('/'):
        target = target[1:]
    else:
        target = 'xl/' + target
    root = ET.fromstring(z.read(target))
    rows = []
    for row in root.iter(NS + 'row'):
        r = int(row.get('r')) - 1
        while len(rows) <= r:
            rows.append({})
        for c in row.findall(NS + 'c'):
            v = c.find(NS + 'v')
            t = c.get('t')
            if t == 's':
                val = ss[int(v.text)]
            elif t == 'inlineStr':
                val = ''.join(x.text or '' for x in c.iter(NS + 't'))
            elif v is not None:
                val = v.text
                if t is None and re.fullmatch(r'\d+\.0', val):
                    val = val[:-2]
            else:
                continue
            rows[r][colnum(c.get('r'))] = val
    width = max([max(r.keys()) + 1 for r in rows if r] or [0])
    return sheet.get('name'), [[r.get(i, '') for i in range(width)]
                               for r in rows]


class Form:
    """What the tests need of a form file: its columns and fields."""

    def __init__(self, path):
        self.columns = []       # (name, is_row)
        self.fields = {}        # key -> dict
        self.enums = {}         # name -> {'label': bool, 'options': [..]}
        self.reg = None
        self.parse(path)

    def parse(self, path):
        cur = None
        for line in open(path, encoding='utf-8'):
            line = line.split('#')[0].rstrip() if not '"' in line else \
                line.rstrip()
            w = line.split()
            if not w:
                continue
            if w[0] == 'include':
                self.parse(os.path.join(os.path.dirname(path),
                                        w[1].strip('"')))
            elif w[0] == 'register':
                self.reg = w[1]
            elif w[0] == 'enum':
                cur = self.enums.setdefault(w[1], {'label': False,
                                                   'options': []})
            elif w[0] == 'option':
                m = re.match(r'\s*option\s+("[^"]*"|\S+)\s+"([^"]*)"', line)
                cur['options'].append((m.group(1).strip('"'), m.group(2)))
            elif w[0] == 'moj-value':
                cur['label'] = w[1] == 'label'
            elif w[0] == 'field':
                cur = {'key': w[1], 'type': w[2],
                       'enum': w[3] if len(w) > 3 else None,
                       'moj': None, 'else': None}
                self.fields[w[1]] = cur
            elif w[0] == 'moj':
                cur['moj'] = w[1]
            elif w[0] == 'moj-else':
                cur['else'] = w[1]
            elif w[0] == 'moj-column':
                self.columns.append((w[1], len(w) > 2 and w[2] == 'row'))

    def cell(self, key, value):
        f = self.fields[key]
        if f['type'] == 'date':
            return value.replace('/', '.')
        if f['type'] == 'enum':
            e = self.enums[f['enum']]
            for code, label in e['options']:
                if code == value:
                    return label if e['label'] else code
            raise SystemExit('%s: %r is no option' % (key, value))
        return value


def book_file(form, rec, taken):
    book = unicodedata.normalize('NFD', rec['quyen_so'] or '0')
    book = ''.join(c for c in book if not unicodedata.combining(c))
    book = book.replace('đ', 'd').replace('Đ', 'D')
    book = re.sub(r'[^A-Za-z0-9.-]', '-', book)
    return '%s_%s_%s.xlsx' % (form.reg, rec['nam_dang_ky'], book)


def number_key(rec):
    m = re.match(r'\s*(\d+)', rec['so'])
    return (int(m.group(1)) if m else 1 << 62, rec['so'], int(rec['id']))


def expected_rows(form, recs):
    out = []
    for i, rec in enumerate(sorted(recs, key=number_key)):
        row = []
        for name, is_row in form.columns:
            if is_row:
                row.append(str(i + 1))
                continue
            v = ''
            for f in form.fields.values():
                if f['moj'] == name and filled(rec, f['key']):
                    v = form.cell(f['key'], rec[f['key']])
            if v == '':
                for f in form.fields.values():
                    if f['else'] == name and filled(rec, f['key']):
                        v = form.cell(f['key'], rec[f['key']])
            row.append(v)
        out.append(row)
    return out


def filled(rec, key):
    return rec.get(key, '') != '' and rec.get(key + '__status', '') != \
        'blank'


def cmd_cells(formsdir, formid, records, outdir, held):
    form = Form(os.path.join(formsdir, formid + '.form'))
    books = {}
    for rec in csv.DictReader(open(records, encoding='utf-8')):
        if rec['id'] in held:
            continue
        books.setdefault(book_file(form, rec, None), []).append(rec)
    bad = 0
    files = sorted(f for f in os.listdir(outdir) if f.endswith('.xlsx'))
    if sorted(books) != files:
        print('files: got %s, want %s' % (files, sorted(books)))
        return 1
    ncells = 0
    for name in files:
        sheet, rows = read_xlsx(os.path.join(outdir, name))
        want = expected_rows(form, books[name])
        got = rows[1:]
        if len(got) != len(want):
            print('%s: %d rows, want %d' % (name, len(got), len(want)))
            bad += 1
            continue
        for r, (g, w) in enumerate(zip(got, want)):
            g = g + [''] * (len(w) - len(g))
            for c, (gc, wc) in enumerate(zip(g, w)):
                ncells += 1
                if gc != wc:
                    print('%s row %d column %s: got %r, want %r' %
                          (name, r + 2, form.columns[c][0], gc, wc))
                    bad += 1
            if len(g) > len(w):
                print('%s row %d: %d cells beyond the template' %
                      (name, r + 2, len(g) - len(w)))
                bad += 1
    print('compared %d cells in %d files' % (ncells, len(files)))
    return 1 if bad else 0


def main():
    a = sys.argv[1:]
    if a[0] == 'csv':
        w = csv.writer(sys.stdout, lineterminator='\r\n')
        for i, path in enumerate(a[1:]):
            for row in read_xlsx(path)[1][0 if i == 0 else 1:]:
                w.writerow(row)
        return 0
    if a[0] == 'sheet':
        print(read_xlsx(a[1])[0])
        return 0
    if a[0] == 'header':
        got = [c.strip() for c in read_xlsx(a[1])[1][0]]
        want = [c.strip() for c in read_xlsx(a[2])[1][0]]
        want = [re.sub(r' +\n', '\n', c) for c in want]
        if got != want:
            for i, (g, w) in enumerate(zip(got, want)):
                if g != w:
                    print('column %d: got %r, want %r' % (i + 1, g, w))
            print('%d columns, want %d' % (len(got), len(want)))
            return 1
        print('%d columns agree' % len(got))
        return 0
    if a[0] == 'cells':
        return cmd_cells(a[1], a[2], a[3], a[4], set(a[5:]))
    return 2


sys.exit(main())
