"""The matrix as an XLSX workbook (openpyxl): a matrix sheet with cell notes and a detail sheet.

The workbook is byte-for-byte deterministic: document properties and zip entry
times are fixed, so the same corpus always gives the same file.
"""

from __future__ import annotations

import datetime
import io
import zipfile

from ..matrix import Matrix
from ..site.links import page_url
from .spreadsheet import neutralise

_EPOCH = datetime.datetime(2000, 1, 1)


def _require_openpyxl():
    try:
        import openpyxl
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise ImportError("XLSX export needs openpyxl, an optional extra: pip install 'lexmap[xlsx]'") from error
    return openpyxl


def matrix_xlsx(matrix: Matrix, corpus, value: str = "count", base_url: str | None = None) -> bytes:
    openpyxl = _require_openpyxl()
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font
    from openpyxl.writer.excel import ExcelWriter

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "matrix"
    sheet.append(["", *(neutralise(c.label) for c in matrix.cols)])
    for row, values in zip(matrix.rows, matrix.values(value)):
        sheet.append([neutralise(row.label), *(neutralise(v) for v in values)])
    for index, col in enumerate(matrix.cols, start=2):
        header = sheet.cell(row=1, column=index)
        header.font = Font(bold=True)
        header.alignment = Alignment(wrap_text=True, vertical="top")
    for r_index, row in enumerate(matrix.rows, start=2):
        sheet.cell(row=r_index, column=1).font = Font(bold=True)
        for c_index, col in enumerate(matrix.cols, start=2):
            cell = matrix.cell(row.id, col.id)
            if not cell.practices and not cell.contested:
                continue
            target = sheet.cell(row=r_index, column=c_index)
            note = [f"Practices: {', '.join(cell.practices) or 'none'}",
                    f"Documents: {', '.join(cell.documents) or 'none'} ({cell.independent_documents} independent)"]
            if cell.contested:
                note.append("Contested.")
            target.comment = Comment(neutralise("\n".join(note)), "lexmap", width=320, height=120)
            if base_url and len(cell.practices) == 1:
                target.hyperlink = page_url(base_url, corpus, cell.practices[0])
    sheet.freeze_panes = "B2"
    sheet.column_dimensions["A"].width = 40

    detail = workbook.create_sheet("detail")
    detail.append(["row", "column", "practice", "statement", "kind", "document", "stance", "pinpoint", "quote"])
    for row in matrix.rows:
        for col in matrix.cols:
            cell = matrix.cell(row.id, col.id)
            for statement_id in (*cell.claims, *cell.exhibits):
                statement = corpus[statement_id]
                detail.append([neutralise(v) for v in (
                    row.id, col.id, statement.practice, statement.id,
                    "claim" if statement_id in cell.claims else "exhibit",
                    statement.document, statement.stance, statement.pinpoint, statement.quote,
                )])
                if base_url:
                    detail.cell(row=detail.max_row, column=3).hyperlink = page_url(base_url, corpus, statement.practice)
                    detail.cell(row=detail.max_row, column=6).hyperlink = page_url(base_url, corpus, statement.document)
    detail.freeze_panes = "A2"
    for cell in detail[1]:
        cell.font = Font(bold=True)

    workbook.properties.created = workbook.properties.modified = _EPOCH
    workbook.properties.creator = "lexmap"
    buffer = io.BytesIO()
    # ExcelWriter directly: Workbook.save() would stamp the current time as "modified".
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(workbook, archive).write_data()
    return _fixed_zip_times(buffer.getvalue())


def _fixed_zip_times(data: bytes) -> bytes:
    """The same zip with every entry dated 1980-01-01, so that equal content gives equal bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()
