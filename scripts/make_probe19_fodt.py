#!/usr/bin/env python3
"""Writes the probe-19 documents as flat ODF (.fodt, one .fods), standard library only.

It reuses probe 16's document class (scripts/make_probe16_fodt.py) and adds what word
processors put in documents that their readers must see through: automatic numbering and
bullets (the "1.", "a)", "-" live in the list style, not in the text), merged header cells,
a text box, a comment, a tracked insertion and deletion, page-number and date fields. From
the repository root:

    python3 scripts/make_probe19_fodt.py /tmp/probe19
    (then the soffice commands listed in fixtures/probe19/README.md)
"""

import importlib.util
import sys
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
spec = importlib.util.spec_from_file_location("p16", HERE / "make_probe16_fodt.py")
p16 = importlib.util.module_from_spec(spec)
spec.loader.exec_module(p16)

EXTRA_NS = (
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" '
)

LABEL = ('<style:list-level-properties text:list-level-position-and-space-mode="label-alignment">'
         '<style:list-level-label-alignment text:label-followed-by="space" '
         'text:text-indent="0cm" fo:margin-left="0cm"/></style:list-level-properties>')

LIST_STYLES = (
    '<text:list-style style:name="LNum">'
    f'<text:list-level-style-number text:level="1" style:num-suffix="." style:num-format="1">{LABEL}</text:list-level-style-number>'
    f'<text:list-level-style-number text:level="2" style:num-suffix=")" style:num-format="a">{LABEL}</text:list-level-style-number>'
    f'<text:list-level-style-bullet text:level="3" text:bullet-char="-">{LABEL}</text:list-level-style-bullet>'
    '</text:list-style>'
    '<text:list-style style:name="LBul">'
    f'<text:list-level-style-bullet text:level="1" text:bullet-char="-">{LABEL}</text:list-level-style-bullet>'
    '</text:list-style>'
    '<text:list-style style:name="LRom">'
    f'<text:list-level-style-number text:level="1" style:num-suffix="." style:num-format="I">{LABEL}</text:list-level-style-number>'
    '</text:list-style>'
    '<style:style style:name="PJL" style:family="paragraph"><style:paragraph-properties fo:text-align="justify" '
    'fo:text-indent="1cm" fo:margin-top="0.1cm" fo:margin-bottom="0.1cm"/></style:style>'
    '<style:style style:name="PBL" style:family="paragraph"><style:paragraph-properties fo:text-align="justify" '
    'fo:text-indent="1cm"/><style:text-properties fo:font-weight="bold"/></style:style>'
    '<style:style style:name="FrBox" style:family="graphic"><style:graphic-properties fo:border="0.5pt solid #000000" '
    'style:wrap="none" style:vertical-pos="from-top" style:horizontal-pos="from-left"/></style:style>'
)


class Doc19(p16.Doc):
    def __init__(self, *a, changes=None, header_text=None, footer_text=None, **k):
        super().__init__(*a, **k)
        self.changes = []
        self.header_text = header_text
        self.footer_text = footer_text

    def numbered(self, items, style="LNum", para="PJL"):
        """An automatically numbered list; an item is text or (text, [sub items])."""
        self.parts.append(self._list(items, style, para))

    def _list(self, items, style, para):
        xml = [f'<text:list text:style-name="{style}">']
        for item in items:
            subs = None
            if isinstance(item, tuple):
                item, subs = item
            xml.append(f"<text:list-item>{self.p(item, para)}")
            if subs:
                xml.append(self._list(subs, style, para).replace(f' text:style-name="{style}"', "", 1))
            xml.append("</text:list-item>")
        xml.append("</text:list>")
        return "".join(xml)

    def raw(self, xml):
        self.parts.append(xml)

    def merged_grid(self, header, rows):
        """A bordered table whose header is two rows: header is a list of (text, colspan,
        rowspan) for the first row, then the second row's texts under the spanned cells."""
        top, second = header
        cols = sum(c for _, c, _ in top)
        name = f"M{len(self.parts)}"
        xml = [f'<table:table table:name="{name}" table:style-name="TabGrid">',
               f'<table:table-column table:number-columns-repeated="{cols}"/>', "<table:table-row>"]
        for text, cs, rs in top:
            span = (f' table:number-columns-spanned="{cs}"' if cs > 1 else "") + (
                f' table:number-rows-spanned="{rs}"' if rs > 1 else "")
            xml.append(f'<table:table-cell table:style-name="CellGrid"{span} office:value-type="string">'
                       f'{self.p(text, "PCB")}</table:table-cell>')
            xml.extend(['<table:covered-table-cell/>'] * (cs - 1))
        xml.append("</table:table-row><table:table-row>")
        it = iter(second)
        for text, cs, rs in top:
            if rs > 1:
                xml.append('<table:covered-table-cell/>')
            else:
                for _ in range(cs):
                    xml.append('<table:table-cell table:style-name="CellGrid" office:value-type="string">'
                               f'{self.p(next(it), "PCB")}</table:table-cell>')
        xml.append("</table:table-row>")
        for row in rows:
            xml.append("<table:table-row>")
            for cell in row:
                st = "PR" if cell and all(ch in "0123456789.,%" for ch in cell) else "PL"
                xml.append('<table:table-cell table:style-name="CellGrid" office:value-type="string">'
                           f'{self.p(cell, st)}</table:table-cell>')
            xml.append("</table:table-row>")
        xml.append("</table:table>")
        self.parts.append("".join(xml))

    def inserted(self, text, who="Nguyễn Văn Soạn", when="2021-10-11T09:30:00"):
        n = len(self.changes) + 1
        self.changes.append(
            f'<text:changed-region text:id="ct{n}"><text:insertion><office:change-info>'
            f"<dc:creator>{who}</dc:creator><dc:date>{when}</dc:date></office:change-info>"
            "</text:insertion></text:changed-region>")
        return (f'<text:change-start text:change-id="ct{n}"/>{escape(text)}'
                f'<text:change-end text:change-id="ct{n}"/>')

    def deleted(self, text, who="Nguyễn Văn Soạn", when="2021-10-11T09:31:00"):
        n = len(self.changes) + 1
        self.changes.append(
            f'<text:changed-region text:id="ct{n}"><text:deletion><office:change-info>'
            f"<dc:creator>{who}</dc:creator><dc:date>{when}</dc:date></office:change-info>"
            f'<text:p text:style-name="PJ">{escape(text)}</text:p></text:deletion></text:changed-region>')
        return f'<text:change text:change-id="ct{n}"/>'

    @staticmethod
    def comment(text, who="Trần Thị Duyệt", when="2021-10-11T15:00:00"):
        return (f"<office:annotation><dc:creator>{who}</dc:creator><dc:date>{when}</dc:date>"
                f'<text:p>{escape(text)}</text:p></office:annotation>')

    @staticmethod
    def text_box(lines, x="12.5cm", y="0cm", w="3.5cm", h="1.2cm"):
        inner = "".join(f'<text:p text:style-name="PCB">{escape(s)}</text:p>' for s in lines)
        return (f'<draw:frame draw:style-name="FrBox" draw:name="Box{lines[0]}" '
                f'text:anchor-type="paragraph" svg:x="{x}" svg:y="{y}" svg:width="{w}" '
                f'draw:z-index="0"><draw:text-box fo:min-height="{h}">{inner}</draw:text-box></draw:frame>')

    def xml(self):
        out = super().xml()
        out = out.replace("<office:document ", "<office:document " + EXTRA_NS, 1)
        out = out.replace("</office:automatic-styles>", LIST_STYLES + "</office:automatic-styles>", 1)
        if self.header_text or self.footer_text:
            hf = ""
            if self.header_text:
                hf += f'<style:header><text:p text:style-name="PC">{self.header_text}</text:p></style:header>'
            if self.footer_text:
                hf += f'<style:footer><text:p text:style-name="PR">{self.footer_text}</text:p></style:footer>'
            out = out.replace('style:page-layout-name="pm1">', 'style:page-layout-name="pm1">' + hf, 1)
        if self.changes:
            out = out.replace("<office:text>", "<office:text><text:tracked-changes>"
                              + "".join(self.changes) + "</text:tracked-changes>", 1)
        return out


MOTTO = p16.MOTTO
sign = p16.sign
PAGE = '<text:page-number text:select-page="current">1</text:page-number>'
PAGES = '<text:page-count>2</text:page-count>'
DOCS = {}


def doc(name):
    def register(fn):
        DOCS[name] = fn
        return fn
    return register


@doc("01_so_gddt_ke_hoach_danh_so_tu_dong")
def _():
    """Probe 16's plan with every number and bullet made by the list styles."""
    d = Doc19(size=14, page_number="none", header_text=f"Trang {PAGE}/{PAGES}")
    d.two_columns([
        (["UBND THÀNH PHỐ HÀ NỘI", "**__SỞ GIÁO DỤC VÀ ĐÀO TẠO__**"], MOTTO),
        (["Số: 215/KH-SGDĐT"], ["*Hà Nội, ngày 18 tháng 9 năm 2014*"]),
    ])
    d.para("", "PL")
    d.centre("**KẾ HOẠCH**", "**Bồi dưỡng giáo viên tiểu học năm học 2014 - 2015**")
    d.para("", "PL")
    d.body(
        "Căn cứ Thông tư số 32/2011/TT-BGDĐT ngày 08/8/2011 của Bộ Giáo dục và Đào tạo ban hành "
        "Chương trình bồi dưỡng thường xuyên giáo viên tiểu học;",
        "Sở Giáo dục và Đào tạo xây dựng kế hoạch bồi dưỡng giáo viên tiểu học năm học 2014 - 2015 như sau:",
    )
    d.numbered(["MỤC ĐÍCH, YÊU CẦU"], style="LRom", para="PBL")
    d.numbered([
        "Nâng cao năng lực chuyên môn, nghiệp vụ cho đội ngũ giáo viên tiểu học.",
        ("Bảo đảm 100% giáo viên tiểu học hoàn thành tối thiểu 120 tiết bồi dưỡng, gồm:", [
            "Nội dung 1 (40 tiết): hoàn thành trước ngày 30/11/2014;",
            "Nội dung 2 (40 tiết): tập trung trong tháng 01 và tháng 02/2015;",
            ("Nội dung 3 (40 tiết): giáo viên tự chọn các mô-đun, trong đó:", [
                "mô-đun bắt buộc về đánh giá học sinh;",
                "mô-đun tự chọn theo nhu cầu của trường.",
            ]),
        ]),
    ])
    d.raw('<text:list text:style-name="LRom" text:continue-numbering="true"><text:list-item>'
          + d.p("KINH PHÍ", "PBL") + "</text:list-item></text:list>")
    d.body("Kinh phí thực hiện từ nguồn chi sự nghiệp giáo dục năm 2014, dự kiến 1.850 triệu đồng.")
    d.raw('<text:list text:style-name="LRom" text:continue-numbering="true"><text:list-item>'
          + d.p("TỔ CHỨC THỰC HIỆN", "PBL") + "</text:list-item></text:list>")
    d.numbered(["Phòng Giáo dục Tiểu học chủ trì, tổng hợp kết quả trước ngày 15/6/2015.",
                "Phòng Kế hoạch - Tài chính hướng dẫn thanh toán, quyết toán kinh phí."])
    d.numbered(["Trưởng phòng giáo dục và đào tạo các quận, huyện gửi kế hoạch về Sở trước ngày 10/10/2014;",
                "Các trường tiểu học cử giáo viên tham gia đầy đủ./."], style="LBul")
    sign(d, ["- Bộ GD&ĐT (để b/c);", "- UBND Thành phố (để b/c);", "- Các phòng GD&ĐT;",
             "- Lưu: VT, GDTH."],
         ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"], "Nguyễn Hữu Khang")
    return d


@doc("02_ubnd_huyen_bao_cao_o_gop")
def _():
    """A district's report: a footnote, a table whose header cells span rows and columns,
    a total row, page x of y in the footer."""
    d = Doc19(page_number="none", footer_text=f"{PAGE}")
    d.two_columns([
        (["**ỦY BAN NHÂN DÂN**", "**__HUYỆN CHÂU THÀNH__**", "", "Số: 87/BC-UBND"],
         MOTTO + ["", "*Châu Thành, ngày 25 tháng 3 năm 2016*"]),
    ])
    d.para("", "PL")
    d.centre("**BÁO CÁO**", "**Kết quả thực hiện chương trình xây dựng nông thôn mới quý I năm 2016**")
    d.para("", "PL")
    d.body(
        "Thực hiện Công văn số 412/SNN-PTNT ngày 02/3/2016 của Sở Nông nghiệp và Phát triển nông thôn "
        "tỉnh Tiền Giang^[Công văn về việc báo cáo định kỳ chương trình mục tiêu quốc gia xây dựng nông thôn mới.], "
        "UBND huyện Châu Thành báo cáo kết quả thực hiện quý I năm 2016 như sau:",
        "Tổng vốn huy động trong quý đạt 64,7 tỷ đồng. Kết quả của các xã như sau:",
    )
    d.merged_grid(
        ([("STT", 1, 2), ("Xã", 1, 2), ("Tiêu chí đạt", 2, 1), ("Vốn huy động (triệu đồng)", 2, 1)],
         ["Năm 2015", "Quý I/2016", "Ngân sách", "Nhân dân"]),
        [["1", "Tân Lý Tây", "17", "19", "8.450", "4.000"],
         ["2", "Long Hưng", "15", "17", "6.820", "3.000"],
         ["3", "Bàn Long", "14", "15", "5.316", "2.000"],
         ["", "Cộng", "", "", "20.586", "9.000"]],
    )
    d.body(
        "Nguồn vốn hỗ trợ từ ngân sách cấp trên phân bổ chậm; một số hộ dân chưa đồng thuận hiến đất./.",
    )
    sign(d, ["- Sở NN&PTNT tỉnh;", "- TT Huyện ủy;", "- Lưu: VT."],
         ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], "Trần Văn Lợi")
    return d


@doc("03_so_y_te_cong_van_sua_doi")
def _():
    """A letter saved with its tracked changes and a reviewer's comment still in it."""
    d = Doc19(page_number="none")
    d.two_columns([
        (["UBND THÀNH PHỐ HÀ NỘI", "**__SỞ Y TẾ__**", "", "Số: 6318/SYT-NVY",
          "V/v hướng dẫn tiêm vắc xin phòng COVID-19 mũi nhắc lại"],
         MOTTO + ["", "*Hà Nội, ngày 12 tháng 10 năm 2021*"]),
    ])
    d.para("", "PL")
    d.two_columns([([("PR", "Kính gửi:")], [("PL", "- Trung tâm Y tế các quận, huyện, thị xã;"),
                                             ("PL", "- Các bệnh viện trực thuộc Sở.")])])
    d.body(
        "Căn cứ Quyết định số 3355/QĐ-BYT ngày 08/7/2021 của Bộ Y tế về việc ban hành Kế hoạch triển khai "
        "chiến dịch tiêm vắc xin phòng COVID-19 năm 2021 - 2022;",
        "Sở Y tế Hà Nội đề nghị các đơn vị:",
    )
    d.raw('<text:p text:style-name="PJ">- Rà soát danh sách người đã tiêm đủ 02 mũi từ 06 tháng trở lên'
          + d.deleted(" và người chưa tiêm mũi nào")
          + ", ưu tiên người trên 65 tuổi; hoàn thành trước ngày "
          + d.deleted("25/10/2021") + d.inserted("20/10/2021") + ".</text:p>")
    d.raw('<text:p text:style-name="PJ">- Bố trí tối thiểu 03 điểm tiêm cố định tại mỗi quận, huyện'
          + d.comment("Đề nghị ghi rõ số điểm tiêm lưu động, nếu có.")
          + "; mỗi điểm tiêm không quá 200 người/buổi"
          + d.inserted(" và có ít nhất 01 kíp cấp cứu") + ".</text:p>")
    d.body("Đề nghị các đơn vị khẩn trương triển khai thực hiện./.")
    sign(d, ["- Như trên;", "- UBND Thành phố (để b/c);", "- Lưu: VT, NVY."],
         ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"], "Vũ Thị Minh Nguyệt")
    return d


@doc("04_ubnd_tinh_cong_van_hop_chu")
def _():
    """A letter with a text box at the top ("KHẨN") and its date as a date field."""
    d = Doc19(page_number="none")
    d.raw('<text:p text:style-name="PL">' + d.text_box(["KHẨN"], x="0cm", w="2.5cm", h="0.8cm") + "</text:p>")
    d.two_columns([
        (["**ỦY BAN NHÂN DÂN**", "**__TỈNH NGHỆ AN__**", "", "Số: 4127/UBND-VX",
          "{{V/v tăng cường phòng, chống dịch bệnh tay chân miệng}}"],
         MOTTO + ["", "*Nghệ An, ngày 06 tháng 8 năm 2012*"]),
    ])
    d.para("", "PL")
    d.centre("Kính gửi: Sở Y tế tỉnh Nghệ An")
    d.raw('<text:p text:style-name="PJ">Tính đến ngày <text:date text:date-value="2012-07-31" '
          'text:fixed="true">31/7/2012</text:date>, toàn tỉnh ghi nhận 1.286 ca mắc bệnh tay chân miệng, '
          'tăng 37% so với cùng kỳ năm 2011.</text:p>')
    d.body(
        "Thực hiện Chỉ thị số 17/CT-TTg ngày 20/7/2012 của Thủ tướng Chính phủ, Chủ tịch UBND tỉnh yêu cầu "
        "Sở Y tế chỉ đạo các đơn vị y tế giám sát chặt chẽ, phát hiện sớm và xử lý kịp thời các ổ dịch; "
        "báo cáo tình hình dịch bệnh về UBND tỉnh trước 16 giờ thứ Sáu hằng tuần./.",
    )
    d.raw('<text:p text:style-name="PL">' + d.text_box(["Dấu", "đỏ"], x="9cm", w="3cm", h="2cm") + "</text:p>")
    sign(d, ["- Như trên;", "- Chủ tịch, các PCT UBND tỉnh;", "- Lưu: VT, VX."],
         ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], "Lê Thị Quỳnh Hoa")
    return d


@doc("05_ubnd_tinh_quyet_dinh_dieu_tu_dong")
def _():
    """Probe 16's 2026 decision with its clauses numbered "1.", "a)" by a list style and
    a page-number field in the header."""
    d = Doc19(size=14, page_number="header")
    d.two_columns([
        (["**ỦY BAN NHÂN DÂN**", "**__TỈNH GIA LAI__**"], MOTTO),
        (["Số: 38/2026/QĐ-UBND"], ["*Gia Lai, ngày 09 tháng 01 năm 2026*"]),
    ])
    d.para("", "PL")
    d.centre("**QUYẾT ĐỊNH**",
             "**Ban hành Quy định mức hỗ trợ học phí đối với học sinh trung học phổ thông**",
             "**trên địa bàn tỉnh Gia Lai năm học 2025 - 2026**", "",
             "**ỦY BAN NHÂN DÂN TỈNH GIA LAI**", "")
    d.body(
        "*Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15 ngày 16 tháng 6 năm 2025;*",
        "*Căn cứ Nghị định số 81/2021/NĐ-CP ngày 27 tháng 8 năm 2021 của Chính phủ;*",
        "*Theo đề nghị của Giám đốc Sở Giáo dục và Đào tạo tại Tờ trình số 17/TTr-SGDĐT ngày 02 tháng 01 năm 2026.*",
    )
    d.centre("**QUYẾT ĐỊNH:**")
    d.body("**Điều 1.** Mức hỗ trợ học phí đối với học sinh trung học phổ thông năm học 2025 - 2026:")
    d.numbered([
        ("Học sinh học tại các trường công lập:", [
            "Khu vực phường: 150.000 đồng/tháng;",
            "Khu vực xã: 70.000 đồng/tháng.",
        ]),
        "Học sinh học tại các trường ngoài công lập được hỗ trợ bằng mức của trường công lập cùng khu vực.",
    ])
    d.body(
        "**Điều 2.** Quyết định này có hiệu lực kể từ ngày 20 tháng 01 năm 2026.",
        "**Điều 3.** Chánh Văn phòng UBND tỉnh, Giám đốc Sở Giáo dục và Đào tạo và các cơ quan, đơn vị "
        "có liên quan chịu trách nhiệm thi hành Quyết định này./.",
    )
    sign(d, ["- Như Điều 3;", "- Bộ Giáo dục và Đào tạo;", "- TT Tỉnh ủy, TT HĐND tỉnh;", "- Lưu: VT, KGVX."],
         ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], "Rơ Châm Hyun", note="(Đã ký)")
    return d


@doc("06_bo_khcn_bao_cao_chu_thich")
def _():
    """Probe 16's ministry report: a footnote after a figure, a table with a total row."""
    return p16.DOCS["10_bo_khcn_bao_cao_2013"]()


FODS = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:automatic-styles><style:style style:name="ce1" style:family="table-cell"><style:text-properties fo:font-weight="bold"/></style:style></office:automatic-styles>
<office:body><office:spreadsheet>
<table:table table:name="Biểu 01">
<table:table-column table:number-columns-repeated="6"/>
{rows}
</table:table>
</office:spreadsheet></office:body></office:document>
"""


def fods_rows(rows):
    out = []
    for row in rows:
        cells = []
        for c in row:
            if isinstance(c, tuple):  # (text, colspan)
                text, span = c
                cells.append(f'<table:table-cell table:number-columns-spanned="{span}" office:value-type="string">'
                             f"<text:p>{escape(text)}</text:p></table:table-cell>")
                cells.extend(["<table:covered-table-cell/>"] * (span - 1))
            elif isinstance(c, (int, float)):
                cells.append(f'<table:table-cell office:value-type="float" office:value="{c}">'
                             f"<text:p>{c}</text:p></table:table-cell>")
            elif c == "":
                cells.append("<table:table-cell/>")
            else:
                cells.append(f'<table:table-cell office:value-type="string"><text:p>{escape(c)}</text:p></table:table-cell>')
        out.append("<table:table-row>" + "".join(cells) + "</table:table-row>")
    return "\n".join(out)


def sheet():
    rows = [
        [("UBND TỈNH THÁI BÌNH", 2), "", ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 3)],
        [("SỞ CÔNG THƯƠNG", 2), "", ("Độc lập - Tự do - Hạnh phúc", 3)],
        [""],
        [("BIỂU TỔNG HỢP GIÁ TRỊ SẢN XUẤT CÔNG NGHIỆP 6 THÁNG ĐẦU NĂM 2023", 6)],
        [("(Kèm theo Báo cáo số 158/BC-SCT ngày 05/7/2023 của Sở Công Thương)", 6)],
        ["STT", "Ngành", ("Giá trị (tỷ đồng)", 2), ("So sánh (%)", 2)],
        ["", "", "6 tháng 2022", "6 tháng 2023", "Cùng kỳ", "Kế hoạch"],
        [1, "Khai khoáng", 412.5, 398.2, 96.5, 47.1],
        [2, "Chế biến, chế tạo", 18250.4, 20114.7, 110.2, 51.3],
        [3, "Sản xuất và phân phối điện", 1820.0, 2015.3, 110.7, 49.8],
        ["", "Tổng cộng", 20482.9, 22528.2, 110.0, 51.0],
        [""],
        ["", "", "", ("Thái Bình, ngày 05 tháng 7 năm 2023", 3)],
        ["", "Người lập biểu", "", ("KT. GIÁM ĐỐC", 3)],
        ["", "", "", ("PHÓ GIÁM ĐỐC", 3)],
        [""],
        ["", "Phạm Thị Lập", "", ("Vũ Đình Thịnh", 3)],
    ]
    return FODS.format(rows=fods_rows(rows))


def main():
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/probe19")
    out.mkdir(parents=True, exist_ok=True)
    for name, build in DOCS.items():
        (out / f"{name}.fodt").write_text(build().xml(), encoding="utf-8")
        print(name)
    (out / "07_so_cong_thuong_bieu_tong_hop.fods").write_text(sheet(), encoding="utf-8")
    print("07_so_cong_thuong_bieu_tong_hop")


if __name__ == "__main__":
    main()
