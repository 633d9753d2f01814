#!/usr/bin/env python3
"""Writes the probe-20 spreadsheets as flat ODF (.fods), standard library only.

Each workbook is what a Vietnamese agency's report sheet looks like: a title block (the
agency lines in column A, the national motto in merged cells on the right, "Số: …", the
place and date, the report's title), a table whose header spans two rows with merged
cells, rows numbered I, II, 1, 2, a, b, figures with number formats (thousands
separators, decimals, percentages; some typed as text), formulas (sums, rates) with their
values, real date cells, and a signature block padded with blank cells below the table.
Every name, number and figure is invented. From the repository root:

    python3 scripts/make_probe20_sheets.py /tmp/p20src
    (then the soffice commands listed in fixtures/probe20/README.md)
"""

import datetime
import sys
from pathlib import Path
from xml.sax.saxutils import escape

HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:automatic-styles>
<number:number-style style:name="N0"><number:number number:decimal-places="0" number:min-decimal-places="0" number:min-integer-digits="1" number:grouping="true"/></number:number-style>
<number:number-style style:name="N1"><number:number number:decimal-places="1" number:min-decimal-places="1" number:min-integer-digits="1" number:grouping="true"/></number:number-style>
<number:number-style style:name="N2"><number:number number:decimal-places="2" number:min-decimal-places="2" number:min-integer-digits="1"/></number:number-style>
<number:percentage-style style:name="P1"><number:number number:decimal-places="1" number:min-decimal-places="1" number:min-integer-digits="1"/><number:text>%</number:text></number:percentage-style>
<number:percentage-style style:name="P2"><number:number number:decimal-places="2" number:min-decimal-places="2" number:min-integer-digits="1"/><number:text>%</number:text></number:percentage-style>
<number:date-style style:name="D1"><number:day number:style="long"/><number:text>/</number:text><number:month number:style="long"/><number:text>/</number:text><number:year number:style="long"/></number:date-style>
<style:style style:name="cN0" style:family="table-cell" style:data-style-name="N0"/>
<style:style style:name="cN1" style:family="table-cell" style:data-style-name="N1"/>
<style:style style:name="cN2" style:family="table-cell" style:data-style-name="N2"/>
<style:style style:name="cP1" style:family="table-cell" style:data-style-name="P1"/>
<style:style style:name="cP2" style:family="table-cell" style:data-style-name="P2"/>
<style:style style:name="cD1" style:family="table-cell" style:data-style-name="D1"/>
<style:style style:name="cB" style:family="table-cell"><style:text-properties fo:font-weight="bold"/></style:style>
<style:style style:name="coHide" style:family="table-column"><style:table-column-properties style:column-width="2.5cm"/></style:style>
</office:automatic-styles>
<office:body><office:spreadsheet>
"""
TAIL = "</office:spreadsheet></office:body></office:document>\n"


class C:
    """A cell: kind 'str', 'float', 'percentage' or 'date'; an optional number style,
    formula (OpenFormula, without the 'of:=' prefix), column and row spans."""

    def __init__(self, value, style=None, f=None, span=1, rows=1, kind=None):
        self.value, self.style, self.f, self.span, self.rows = value, style, f, span, rows
        if kind is None:
            if isinstance(value, str):
                kind = "str"
            elif isinstance(value, datetime.date):
                kind = "date"
            elif style in ("cP1", "cP2"):
                kind = "percentage"
            else:
                kind = "float"
        self.kind = kind

    def shown(self):
        v = self.value
        if self.kind == "str":
            return v
        if self.kind == "date":
            return v.strftime("%d/%m/%Y")
        if self.style == "cN0":
            return f"{v:,.0f}"
        if self.style == "cN1":
            return f"{v:,.1f}"
        if self.style == "cN2":
            return f"{v:.2f}"
        if self.style == "cP1":
            return f"{v * 100:.1f}%"
        if self.style == "cP2":
            return f"{v * 100:.2f}%"
        return f"{v:g}"

    def xml(self):
        a = []
        if self.style:
            a.append(f'table:style-name="{self.style}"')
        if self.span > 1:
            a.append(f'table:number-columns-spanned="{self.span}"')
        if self.rows > 1:
            a.append(f'table:number-rows-spanned="{self.rows}"')
        if self.f:
            a.append(f'table:formula="of:={escape(self.f, {chr(34): "&quot;"})}"')
        if self.kind == "str":
            a.append('office:value-type="string"')
            if self.f:
                a.append(f'office:string-value="{escape(self.value, {chr(34): "&quot;"})}"')
        elif self.kind == "date":
            a.append(f'office:value-type="date" office:date-value="{self.value.isoformat()}"')
        else:
            a.append(f'office:value-type="{self.kind}" office:value="{self.value!r}"')
        cell = f'<table:table-cell {" ".join(a)}><text:p>{escape(self.shown())}</text:p></table:table-cell>'
        return cell + "<table:covered-table-cell/>" * (self.span - 1)


COVERED = object()  # a cell covered by a row span from above


class Sheet:
    def __init__(self, name, width, hidden_cols=()):
        self.name, self.width, self.hidden_cols = name, width, set(hidden_cols)
        self.rows = []  # (cells, hidden)

    def row(self, *cells, hidden=False):
        """Appends a row; returns its 1-based number (for formulas)."""
        self.rows.append((cells, hidden))
        return len(self.rows)

    def next(self):
        return len(self.rows) + 1

    def xml(self):
        out = [f'<table:table table:name="{escape(self.name)}">']
        for c in range(self.width):
            vis = ' table:visibility="collapse"' if c in self.hidden_cols else ""
            out.append(f'<table:table-column table:style-name="coHide"{vis}/>')
        for cells, hidden in self.rows:
            xml = []
            for c in cells:
                if c is COVERED:
                    xml.append("<table:covered-table-cell/>")
                elif c is None or c == "":
                    xml.append("<table:table-cell/>")
                elif isinstance(c, C):
                    xml.append(c.xml())
                elif isinstance(c, tuple):
                    xml.append(C(c[0], span=c[1]).xml())
                else:
                    xml.append(C(c).xml())
            vis = ' table:visibility="collapse"' if hidden else ""
            out.append(f"<table:table-row{vis}>" + "".join(xml) + "</table:table-row>")
        out.append("</table:table>")
        return "\n".join(out)


def book(*sheets):
    return HEAD + "\n".join(s.xml() for s in sheets) + TAIL


def title_block(s, upper, agency, number, place_date, title, subtitle=None, right=3, left=2):
    """Agency lines at A (merged over `left` columns), the motto merged over the `right`
    last columns, then number and place/date, then the title over the whole width."""
    gap = s.width - left - right
    s.row((upper, left), *[""] * gap, ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", right))
    s.row((agency, left), *[""] * gap, ("Độc lập - Tự do - Hạnh phúc", right))
    s.row(("Số: " + number, left), *[""] * gap, (place_date, right) if place_date else "")
    s.row("")
    s.row((title, s.width))
    if subtitle:
        s.row((subtitle, s.width))


def pad(s, *cells):
    """A row padded with empty cells to the sheet's width."""
    return list(cells) + [""] * (s.width - len(cells))


DOCS = {}


def doc(name, *formats):
    def register(fn):
        DOCS[name] = (fn, formats)
        return fn

    return register


@doc("01_so_tai_chinh_bao_cao_thu_ngan_sach", "xlsx", "xls", "ods")
def _():
    """A department's revenue report: Roman/Arabic rows, grouped figures, rate formulas in
    a percent format, sums, the preparer and the deputy director under the table."""
    s = Sheet("BC thu NSNN", 6)
    title_block(s, "UBND TỈNH NAM ĐỊNH", "SỞ TÀI CHÍNH", "412/BC-STC",
                "Nam Định, ngày 12 tháng 7 năm 2024",
                "BÁO CÁO TÌNH HÌNH THU NGÂN SÁCH NHÀ NƯỚC 6 THÁNG ĐẦU NĂM 2024", right=3, left=2)
    s.row(*pad(s, "", "", "", "", "Đơn vị tính: triệu đồng"))
    h = s.next()
    s.row(C("STT", rows=2), C("Nội dung", rows=2), C("Dự toán năm 2024", rows=2),
          C("Thực hiện 6 tháng", span=2), C("Ghi chú", rows=2))
    s.row(COVERED, COVERED, COVERED, "Số tiền", "So dự toán (%)", COVERED)
    assert h
    data = [
        ("1", "Thu từ doanh nghiệp nhà nước", 1_250_000, 702_345),
        ("2", "Thu từ khu vực ngoài quốc doanh", 2_840_500, 1_315_020),
        ("3", "Thuế thu nhập cá nhân", 615_000, 340_117),
    ]
    top = s.next()
    # Row top: total; top+1: I; then items; then II; its items.
    first = top + 2
    last = first + len(data) - 1
    ii = last + 1
    iia, iib = ii + 1, ii + 2
    xnk = [("a", "Thuế xuất khẩu", 95_000, 40_210), ("b", "Thuế nhập khẩu", 410_000, 233_402)]
    i_plan = sum(d[2] for d in data)
    i_done = sum(d[3] for d in data)
    ii_plan = sum(d[2] for d in xnk)
    ii_done = sum(d[3] for d in xnk)
    total_plan, total_done = i_plan + ii_plan, i_done + ii_done

    def rate(r, done, plan):
        return C(done / plan, "cP1", f=f"[.D{r}]/[.C{r}]")

    s.row(C("", "cB"), C("TỔNG THU NSNN (I+II)", "cB"),
          C(total_plan, "cN0", f=f"[.C{top + 1}]+[.C{ii}]"),
          C(total_done, "cN0", f=f"[.D{top + 1}]+[.D{ii}]"), rate(top, total_done, total_plan), "")
    s.row("I", "Thu nội địa", C(i_plan, "cN0", f=f"SUM([.C{first}:.C{last}])"),
          C(i_done, "cN0", f=f"SUM([.D{first}:.D{last}])"), rate(top + 1, i_done, i_plan), "")
    for k, (n, name, plan, done) in enumerate(data):
        r = first + k
        s.row(n, name, C(plan, "cN0"), C(done, "cN0"), rate(r, done, plan),
              "Đạt khá" if done / plan > 0.5 else "")
    s.row("II", "Thu từ hoạt động xuất nhập khẩu", C(ii_plan, "cN0", f=f"SUM([.C{iia}:.C{iib}])"),
          C(ii_done, "cN0", f=f"SUM([.D{iia}:.D{iib}])"), rate(ii, ii_done, ii_plan), "")
    for k, (n, name, plan, done) in enumerate(xnk):
        s.row(n, name, C(plan, "cN0"), C(done, "cN0"), rate(iia + k, done, plan), "")
    s.row("")
    s.row("", "NGƯỜI LẬP BIỂU", "", ("KT. GIÁM ĐỐC", 3))
    s.row("", "", "", ("PHÓ GIÁM ĐỐC", 3))
    s.row("")
    s.row("")
    s.row("", "Trần Thị Thu Hà", "", ("Đặng Văn Quyết", 3))
    return book(s)


@doc("02_ubnd_huyen_bieu_tong_hop_dan_so", "xlsx", "ods")
def _():
    """A district's summary with the report date in a real date cell, a/b rows, decimals,
    and a second sheet of notes."""
    s = Sheet("Biểu 02", 7)
    s.row(("ỦY BAN NHÂN DÂN", 2), "", "", ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 3))
    s.row(("HUYỆN NÔNG CỐNG", 2), "", "", ("Độc lập - Tự do - Hạnh phúc", 3))
    s.row(("Số: 95/BC-UBND", 2), "", "", ("Nông Cống, ngày 20 tháng 12 năm 2023", 3))
    s.row("")
    s.row(("BIỂU TỔNG HỢP DÂN SỐ VÀ LAO ĐỘNG NĂM 2023", 7))
    s.row(("(Kèm theo Báo cáo số 95/BC-UBND của UBND huyện Nông Cống)", 7))
    s.row(*pad(s, "", "", "", "", "Số liệu đến ngày:", C(datetime.date(2023, 11, 30), "cD1")))
    s.row(C("STT", rows=2), C("Đơn vị", rows=2), C("Dân số (người)", span=2),
          C("Lao động", span=2), C("Tỷ lệ lao động (%)", rows=2))
    s.row(COVERED, COVERED, "Tổng số", "Trong đó nữ", "Số người", "Đã qua đào tạo", COVERED)
    units = [
        ("a", "Thị trấn Nông Cống", 14_210, 7_215, 8_902, 6_120),
        ("b", "Xã Trường Sơn", 9_874, 4_990, 6_015, 3_311),
        ("c", "Xã Tế Thắng", 7_652, 3_870, 4_701, 2_488),
    ]
    first = s.next()
    for n, name, pop, fem, lab, trained in units:
        r = s.next()
        s.row(n, name, C(pop, "cN0"), C(fem, "cN0"), C(lab, "cN0"), C(trained, "cN0"),
              C(round(lab / pop * 100, 2), "cN2", f=f"ROUND([.E{r}]/[.C{r}]*100;2)"))
    last = s.next() - 1
    r = s.next()
    tp, tf, tl, tt = (sum(u[i] for u in units) for i in (2, 3, 4, 5))
    s.row("", C("Cộng", "cB"), *[C(v, "cN0", f=f"SUM([.{col}{first}:.{col}{last}])")
                                 for v, col in zip((tp, tf, tl, tt), "CDEF")],
          C(round(tl / tp * 100, 2), "cN2", f=f"ROUND([.E{r}]/[.C{r}]*100;2)"))
    s.row("")
    s.row("", ("NGƯỜI LẬP BIỂU", 2), "", ("TM. ỦY BAN NHÂN DÂN", 3))
    s.row("", "", "", "", ("CHỦ TỊCH", 3))
    s.row("")
    s.row("", ("Lê Văn Tâm", 2), "", ("Hoàng Minh Đức", 3))
    notes = Sheet("Ghi chú", 2)
    notes.row("Ghi chú:", "")
    notes.row("1.", "Số liệu dân số lấy theo sổ hộ khẩu điện tử.")
    notes.row("2.", "Lao động đã qua đào tạo gồm cả đào tạo dưới 3 tháng.")
    return book(s, notes)


@doc("03_so_gddt_bao_cao_hang_an", "xlsx", "xls")
def _():
    """A department's school report with a hidden helper column (an internal code) and two
    hidden rows (last year's figures kept for a formula)."""
    s = Sheet("Truong hoc", 6, hidden_cols=[2])
    title_block(s, "UBND TỈNH BẮC NINH", "SỞ GIÁO DỤC VÀ ĐÀO TẠO", "1203/BC-SGDĐT",
                "Bắc Ninh, ngày 05 tháng 9 năm 2024",
                "BÁO CÁO SỐ LIỆU TRƯỜNG, LỚP, HỌC SINH NĂM HỌC 2024-2025", right=3, left=2)
    s.row("STT", "Cấp học", "Mã nội bộ", "Số trường", "Số lớp", "Số học sinh")
    rows = [
        ("1", "Mầm non", "MN-01", 212, 3_105, 88_420),
        ("2", "Tiểu học", "TH-02", 198, 4_870, 150_233),
        ("3", "Trung học cơ sở", "CS-03", 140, 2_410, 96_518),
    ]
    first = s.next()
    for n, name, code, a, b, c in rows:
        s.row(n, name, code, C(a, "cN0"), C(b, "cN0"), C(c, "cN0"))
    last = s.next() - 1
    s.row("", "Năm học trước (ẩn)", "OLD", C(540, "cN0"), C(10_020, "cN0"), C(325_900, "cN0"), hidden=True)
    s.row("", "Chênh lệch (ẩn)", "DIFF", C(10, "cN0", f=f"SUM([.D{first}:.D{last}])-[.D{last + 1}]"),
          C(365, "cN0", f=f"SUM([.E{first}:.E{last}])-[.E{last + 1}]"),
          C(9_271, "cN0", f=f"SUM([.F{first}:.F{last}])-[.F{last + 1}]"), hidden=True)
    s.row("", "Tổng cộng", "", *[C(sum(r[i] for r in rows), "cN0", f=f"SUM([.{col}{first}:.{col}{last}])")
                                  for i, col in ((3, "D"), (4, "E"), (5, "F"))])
    s.row("")
    s.row("", "NGƯỜI LẬP BIỂU", "", ("KT. GIÁM ĐỐC", 3))
    s.row("", "", "", ("PHÓ GIÁM ĐỐC", 3))
    s.row("")
    s.row("", "Ngô Thị Lan", "", ("Nguyễn Hữu Bình", 3))
    return book(s)


@doc("04_so_khdt_bieu_rong", "xlsx")
def _():
    """A very wide sheet: 12 months of plan and actual per project (28 columns)."""
    width = 2 + 24 + 2
    s = Sheet("Giai ngan 2024", width)
    title_block(s, "UBND TỈNH QUẢNG NGÃI", "SỞ KẾ HOẠCH VÀ ĐẦU TƯ", "77/BC-SKHĐT",
                "Quảng Ngãi, ngày 27 tháng 12 năm 2024",
                "BIỂU TỔNG HỢP TIẾN ĐỘ GIẢI NGÂN VỐN ĐẦU TƯ CÔNG NĂM 2024", right=6, left=4)
    s.row(C("STT", rows=2), C("Dự án", rows=2),
          *[C(f"Tháng {m}", span=2) for m in range(1, 13)],
          C("Cả năm", span=2))
    s.row(COVERED, COVERED, *["KH", "TH"] * 13)
    projects = [("1", "Đường ven biển Dung Quất - Sa Huỳnh"), ("2", "Kè chống sạt lở sông Trà Khúc")]
    for k, (n, name) in enumerate(projects):
        r = s.next()
        months = []
        for m in range(12):
            plan = 1_000 + 125 * m + 400 * k
            done = plan - 60 - 15 * m
            months += [C(plan, "cN0"), C(done, "cN0")]
        plans = sum(c.value for c in months[0::2])
        dones = sum(c.value for c in months[1::2])
        s.row(n, name, *months,
              C(plans, "cN0", f="+".join(f"[.{col(2 + 2 * m)}{r}]" for m in range(12))),
              C(dones, "cN0", f="+".join(f"[.{col(3 + 2 * m)}{r}]" for m in range(12))))
    s.row("")
    s.row(*pad(s, "", "NGƯỜI LẬP BIỂU", *[""] * 20, ("KT. GIÁM ĐỐC", 6))[:width - 5])
    s.row(*pad(s, "", "", *[""] * 20, ("PHÓ GIÁM ĐỐC", 6))[:width - 5])
    s.row("")
    s.row(*pad(s, "", "Võ Thị Hạnh", *[""] * 20, ("Phạm Quang Vinh", 6))[:width - 5])
    return book(s)


def col(i):
    """0-based column index → letters."""
    out = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        out = chr(65 + r) + out
    return out


@doc("05_ubnd_xa_bao_cao_noi_nhan", "xlsx", "ods")
def _():
    """A commune's report sheet: the copy list ("Nơi nhận:") at the left of the signature."""
    s = Sheet("Sheet1", 5)
    s.row(("UBND HUYỆN ĐÔNG ANH", 2), "", ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 2))
    s.row(("UBND XÃ UY NỖ", 2), "", ("Độc lập - Tự do - Hạnh phúc", 2))
    s.row(("Số: 38/BC-UBND", 2), "", ("Uy Nỗ, ngày 18 tháng 6 năm 2024", 2))
    s.row("")
    s.row(("BÁO CÁO", 5))
    s.row(("Kết quả thu gom, xử lý rác thải sinh hoạt 5 tháng đầu năm 2024", 5))
    s.row("STT", "Thôn", "Số hộ", "Khối lượng (tấn)", "Tỷ lệ thu gom")
    villages = [("1", "Thôn Đìa", 812, 402.5, 0.97), ("2", "Thôn Lỗ Khê", 655, 318.25, 0.935),
                ("3", "Thôn Kính Nỗ", 1_020, 533.0, 0.95)]
    first = s.next()
    for n, name, homes, tons, share in villages:
        s.row(n, name, C(homes, "cN0"), C(tons, "cN2"), C(share, "cP1"))
    last = s.next() - 1
    s.row("", "Cộng", C(sum(v[2] for v in villages), "cN0", f=f"SUM([.C{first}:.C{last}])"),
          C(sum(v[3] for v in villages), "cN2", f=f"SUM([.D{first}:.D{last}])"), "")
    s.row("")
    s.row(("Nơi nhận:", 2), "", ("TM. ỦY BAN NHÂN DÂN", 2))
    s.row(("- UBND huyện Đông Anh;", 2), "", ("CHỦ TỊCH", 2))
    s.row(("- Phòng TN&MT huyện;", 2), "", "", "")
    s.row(("- Lưu: VP.", 2), "", "", "")
    s.row("", "", "", ("Nguyễn Văn Tuấn", 2))
    return book(s)


@doc("06_so_y_te_so_lieu_dang_chu", "xlsx", "xls")
def _():
    """A health department's sheet where some figures are typed as text (Vietnamese
    grouping "1.234.567", "95,2%") beside numeric cells in percent and decimal formats."""
    s = Sheet("Tiem chung", 6)
    title_block(s, "UBND TỈNH HẢI DƯƠNG", "SỞ Y TẾ", "2214/BC-SYT",
                "Hải Dương, ngày 03 tháng 10 năm 2022",
                "BÁO CÁO KẾT QUẢ TIÊM CHỦNG MỞ RỘNG 9 THÁNG NĂM 2022", right=3, left=2)
    s.row(C("STT", rows=2), C("Loại vắc xin", rows=2), C("Đối tượng", span=2),
          C("Tỷ lệ (%)", span=2))
    s.row(COVERED, COVERED, "Kế hoạch", "Đã tiêm", "Số", "Chữ")
    vacc = [("1", "BCG", 24_310, 23_540, "96,8%"), ("2", "Viêm gan B sơ sinh", 24_310, 22_115, "91,0%"),
            ("3", "Sởi - Rubella", 25_002, 24_051, "96,2%")]
    for n, name, plan, done, typed in vacc:
        r = s.next()
        s.row(n, name, C(plan, "cN0"), f"{done:,}".replace(",", "."),
              C(done / plan, "cP2", f=f"VALUE(SUBSTITUTE([.D{r}];\".\";\"\"))/[.C{r}]"), typed)
    s.row("", "Bình quân", "", "", C(sum(v[3] / v[2] for v in vacc) / 3, "cP2",
                                     f=f"AVERAGE([.E{s.next() - 3}:.E{s.next() - 1}])"), "")
    s.row("")
    s.row("", "NGƯỜI LẬP BIỂU", "", ("KT. GIÁM ĐỐC", 3))
    s.row("", "", "", ("PHÓ GIÁM ĐỐC", 3))
    s.row("")
    s.row("", "Phan Thị Mai", "", ("Lương Văn Hòa", 3))
    return book(s)


@doc("07_so_ldtbxh_chi_tra_ngay", "xlsx", "xls", "ods")
def _():
    """A department's payment report: the place-and-date line is a formula over a real date
    cell, and the table has date cells."""
    s = Sheet("Chi tra", 5)
    s.row(("UBND THÀNH PHỐ HẢI PHÒNG", 2), "", ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 2))
    s.row(("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", 2), "", ("Độc lập - Tự do - Hạnh phúc", 2))
    s.row(("Số: 560/BC-SLĐTBXH", 2), "", "Ngày ký:", C(datetime.date(2024, 4, 22), "cD1"))
    s.row("", "", "", C("Hải Phòng, ngày 22 tháng 04 năm 2024", span=2,
                        f='"Hải Phòng, ngày "&TEXT([.D3];"dd")&" tháng "&TEXT([.D3];"mm")&" năm "&TEXT([.D3];"yyyy")'))
    s.row("")
    s.row(("BÁO CÁO KẾT QUẢ CHI TRẢ TRỢ CẤP ƯU ĐÃI QUÝ I NĂM 2024", 5))
    s.row("STT", "Quận, huyện", "Ngày chi trả", "Số người", "Số tiền (đồng)")
    pays = [("1", "Quận Hồng Bàng", datetime.date(2024, 1, 15), 1_204, 2_861_450_000),
            ("2", "Quận Lê Chân", datetime.date(2024, 1, 16), 1_587, 3_702_118_500),
            ("3", "Huyện Thủy Nguyên", datetime.date(2024, 2, 5), 2_310, 5_120_004_000)]
    first = s.next()
    for n, name, day, people, money in pays:
        s.row(n, name, C(day, "cD1"), C(people, "cN0"), C(money, "cN0"))
    last = s.next() - 1
    s.row("", "Tổng cộng", "", C(sum(p[3] for p in pays), "cN0", f=f"SUM([.D{first}:.D{last}])"),
          C(sum(p[4] for p in pays), "cN0", f=f"SUM([.E{first}:.E{last}])"))
    s.row("")
    s.row("", "NGƯỜI LẬP BIỂU", "", ("KT. GIÁM ĐỐC", 2))
    s.row("", "", "", ("PHÓ GIÁM ĐỐC", 2))
    s.row("")
    s.row("", "Đoàn Thị Hương", "", ("Bùi Văn Khải", 2))
    return book(s)


@doc("08_so_nnptnt_bao_cao_hai_sheet", "xlsx", "xls", "ods")
def _():
    """A report in two sheets: the text of the report (one paragraph a row, in merged
    cells) and its data table."""
    s = Sheet("Bao cao", 4)
    title_block(s, "UBND TỈNH ĐẮK LẮK", "SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN", "301/BC-SNN",
                "Đắk Lắk, ngày 14 tháng 11 năm 2023",
                "BÁO CÁO", "Tình hình sản xuất cà phê niên vụ 2022-2023", right=2, left=2)
    s.row(("Thực hiện chỉ đạo của UBND tỉnh, Sở Nông nghiệp và Phát triển nông thôn báo cáo như sau:", 4))
    s.row(("I. KẾT QUẢ THỰC HIỆN", 4))
    s.row(("1. Diện tích cà phê toàn tỉnh đạt 212.430 ha, tăng 1,8% so với niên vụ trước.", 4))
    s.row(("2. Sản lượng ước đạt 545.600 tấn (chi tiết tại Biểu 01 kèm theo).", 4))
    s.row(("II. KIẾN NGHỊ", 4))
    s.row(("Đề nghị UBND tỉnh bố trí kinh phí hỗ trợ tái canh năm 2024./.", 4))
    s.row("")
    s.row(("Nơi nhận:", 2), ("KT. GIÁM ĐỐC", 2))
    s.row(("- UBND tỉnh (b/c);", 2), ("PHÓ GIÁM ĐỐC", 2))
    s.row(("- Lưu: VT, TT.", 2), "", "")
    s.row("")
    s.row("", "", ("Y Khu Niê", 2))
    t = Sheet("Biểu 01", 5)
    t.row(("Biểu 01. SẢN LƯỢNG CÀ PHÊ THEO HUYỆN", 5))
    t.row(C("STT", rows=2), C("Huyện, thị xã", rows=2), C("Diện tích (ha)", span=2), C("Sản lượng (tấn)", rows=2))
    t.row(COVERED, COVERED, "Tổng", "Kinh doanh", COVERED)
    areas = [("1", "Huyện Cư M'gar", 36_150.5, 33_900.0, 98_120), ("2", "Huyện Krông Pắc", 25_300.0, 23_870.5, 71_455),
             ("3", "Thị xã Buôn Hồ", 14_880.0, 14_020.0, 40_310)]
    first = t.next()
    for n, name, a, b, q in areas:
        t.row(n, name, C(a, "cN1"), C(b, "cN1"), C(q, "cN0"))
    last = t.next() - 1
    t.row("", "Cộng", *[C(sum(x[i] for x in areas), st, f=f"SUM([.{c}{first}:.{c}{last}])")
                        for i, c, st in ((2, "C", "cN1"), (3, "D", "cN1"), (4, "E", "cN0"))])
    return book(s, t)


def main():
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/probe20")
    out.mkdir(parents=True, exist_ok=True)
    for name, (build, formats) in DOCS.items():
        (out / f"{name}.fods").write_text(build(), encoding="utf-8")
        print(name, " ".join(formats))


if __name__ == "__main__":
    main()
