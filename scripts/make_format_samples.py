#!/usr/bin/env python3
"""Write the small PDF and DOCX samples in sample_docs/formats/ (our own text).

Run from the repository root: python3 scripts/make_format_samples.py
Standard library only. The files are committed; tests check factmark's extraction of them.
"""
import os
import zipfile

OUT = os.path.join("sample_docs", "formats")

# Three pages; the second ends a line in the middle of a hyphenated word.
PDF_PAGES = [
    [
        "Harbour Council Annual Report",
        "The council says ferry traffic rose by 40 percent in 2025.",
        "Officials added that no new berths were built.",
    ],
    [
        "Budget",
        "The mayor claimed the budget was balanced for the first",
        "time since 2009, despite the spending on misinfor-",
        "mation campaigns that the opposition described.",
    ],
    [
        "Outlook",
        "Tourism is expected to double by 2030, the report states.",
    ],
]


def pdf_escape(text):
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def write_pdf(path, pages, encrypt=False):
    """A PDF with Helvetica text lines (or no text for an empty page list entry)."""
    objects = []  # object bodies, numbered from 1

    def add(body):
        objects.append(body)
        return len(objects)

    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    pages_id_placeholder = len(objects) + 1
    add(b"")  # pages tree, filled below
    kids = []
    for lines in pages:
        if lines:
            ops = ["BT", "/F1 12 Tf", "72 720 Td", "16 TL"]
            for line in lines:
                ops.append("(%s) Tj T*" % pdf_escape(line))
            ops.append("ET")
        else:
            # A scan: a grey rectangle where the page image would be, no text.
            ops = ["0.5 g", "72 72 451 648 re f"]
        stream = "\n".join(ops).encode("latin-1")
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        page = add(
            b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>"
            % (pages_id_placeholder, font, content)
        )
        kids.append(page)
    objects[pages_id_placeholder - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id_placeholder)
    encrypt_ref = b""
    if encrypt:
        # The standard security handler with a user password we do not know: /U is not the
        # value the empty password gives, so a reader must ask for the password.
        enc = add(
            b"<< /Filter /Standard /V 1 /R 2 /Length 40 /P -44 "
            b"/O <" + b"5a" * 32 + b"> /U <" + b"c3" * 32 + b"> >>"
        )
        encrypt_ref = b" /Encrypt %d 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>]" % enc
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root %d 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        catalog,
        encrypt_ref,
        xref,
    )
    with open(path, "wb") as f:
        f.write(bytes(out))


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def para(text, style=None, note=None):
    ppr = '<w:pPr><w:pStyle w:val="%s"/></w:pPr>' % style if style else ""
    runs = "<w:r><w:t xml:space=\"preserve\">%s</w:t></w:r>" % text
    if note is not None:
        runs += '<w:r><w:footnoteReference w:id="%d"/></w:r>' % note
    return "<w:p>%s%s</w:p>" % (ppr, runs)


def write_docx(path):
    body = "".join(
        [
            para("Press statement: water prices", style="Heading1"),
            para(
                "The utility says household water bills will fall by 12 percent next year.",
                note=2,
            ),
            para("Background", style="Heading2"),
            para(
                "Prices have risen every year since 2019 &amp; the regulator approved the cut.",
                note=3,
            ),
            '<w:p><w:r><w:t>Contact:</w:t></w:r><w:r><w:tab/><w:t>press office</w:t></w:r></w:p>',
        ]
    )
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        "<w:document %s><w:body>%s<w:sectPr/></w:body></w:document>" % (W, body)
    )
    footnotes = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        "<w:footnotes %s>"
        '<w:footnote w:type="separator" w:id="0"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="1"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
        '<w:footnote w:id="2"><w:p><w:r><w:t>Based on the average bill of a two-person household.</w:t></w:r></w:p></w:footnote>'
        '<w:footnote w:id="3"><w:p><w:r><w:t>Regulator decision of 3 March.</w:t></w:r></w:p></w:footnote>'
        "</w:footnotes>" % W
    )
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        "</Types>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in [
            ("[Content_Types].xml", content_types),
            ("word/document.xml", document),
            ("word/footnotes.xml", footnotes),
        ]:
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text)


def main():
    os.makedirs(OUT, exist_ok=True)
    write_pdf(os.path.join(OUT, "harbour-report.pdf"), PDF_PAGES)
    write_pdf(os.path.join(OUT, "scanned-letter.pdf"), [[], []])
    write_pdf(os.path.join(OUT, "locked.pdf"), PDF_PAGES[:1], encrypt=True)
    write_docx(os.path.join(OUT, "water-prices.docx"))


if __name__ == "__main__":
    main()
