"""Reads an activities spreadsheet as an independent reader would, and prints it as JSON.

.xlsx (openpyxl): the sheet names, the Excel tables of the sheet « Activités » with their
range, the metadata block (the rows above the table), the table's headers and rows (dates as
YYYY-MM-DD, with the cell's number format). .csv (Python's csv module, `;`, BOM): headers and
rows.
"""

import csv
import datetime
import json
import sys

import openpyxl


def cell(c):
    v = c.value
    if isinstance(v, datetime.datetime):
        return {"date": v.date().isoformat(), "format": c.number_format}
    return v


def read_xlsx(path):
    book = openpyxl.load_workbook(path)
    sheet = book["Activités"]
    tables = {name: ref for name, ref in sheet.tables.items()}
    ref = next(iter(tables.values()))
    first, last = ref.split(":")
    top = sheet[first].row
    width = sheet[last].column
    meta = [
        [c.value for c in row[:2]]
        for row in sheet.iter_rows(min_row=1, max_row=top - 1)
    ]
    headers = [c.value for c in sheet[top][:width]]
    rows = [
        [cell(c) for c in row[:width]]
        for row in sheet.iter_rows(min_row=top + 1, max_row=sheet[last].row)
    ]
    return {
        "sheets": book.sheetnames,
        "tables": tables,
        "meta": meta,
        "headers": headers,
        "rows": rows,
    }


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        data = list(csv.reader(f, delimiter=";"))
    return {"headers": data[0], "rows": data[1:]}


path = sys.argv[1]
print(json.dumps(read_xlsx(path) if path.endswith(".xlsx") else read_csv(path)))
