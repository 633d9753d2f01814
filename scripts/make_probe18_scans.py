#!/usr/bin/env python3
"""Turns some probe-16 PDFs into image-only PDFs, as a scanner would (probe 18).

Each page is rendered with pdftoppm, optionally degraded (a slight rotation, speckle
noise, a grey stamp ring over the signature, a lower resolution) and saved back as a PDF
with no text layer: 1-bit pages as CCITT G4, grey pages as JPEG. Needs poppler-utils and
Pillow and img2pdf (build tools only). From the repository root:

    python3 scripts/make_probe18_scans.py fixtures/probe16 fixtures/probe18

The noise is seeded, so a rerun writes the same images (the PDF wrapper may differ).
"""

import io
import random
import subprocess
import sys
import tempfile
from pathlib import Path

import img2pdf
from PIL import Image, ImageDraw, ImageFilter

# name of the scan: (probe16 source, dpi, mode, rotation in degrees, noise, stamp)
# mode "1" is a bilevel scan (CCITT G4), "L" a grey one (JPEG quality 35, wrapped by img2pdf without re-encoding).
SCANS = {
    "01_cong_van_300dpi_1bit": ("01_ubnd_tinh_cong_van_2012", 300, "1", 0.0, 0.0, False),
    "02_ke_hoach_150dpi_1bit_noise": ("02_so_gddt_ke_hoach_2014", 150, "1", 0.0, 0.002, False),
    "03_bao_cao_bang_150dpi_grey_skew": ("03_ubnd_huyen_bao_cao_bang_2016", 150, "L", 0.8, 0.0, False),
    "04_quyet_dinh_150dpi_1bit_noise": ("04_bo_tai_chinh_quyet_dinh_2018", 150, "1", 0.0, 0.004, False),
    "06_cong_van_300dpi_skew_stamp": ("06_so_y_te_cong_van_2021", 300, "1", 1.2, 0.0, True),
    "07_thong_bao_150dpi_grey_stamp": ("07_huyen_uy_thong_bao_2022", 150, "L", -0.5, 0.0, True),
    "09_quyet_dinh_bang_200dpi_1bit_skew": ("09_ubnd_tinh_quyet_dinh_2026", 200, "1", -0.7, 0.0, False),
    "10_bao_cao_150dpi_grey_skew_stamp": ("10_bo_khcn_bao_cao_2013", 150, "L", 1.5, 0.001, True),
}


def render(pdf: Path, dpi: int, work: Path) -> list:
    """Renders every page of `pdf` in grey at `dpi`; returns the images in page order."""
    prefix = work / pdf.stem
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", str(pdf), str(prefix)], check=True)
    return [Image.open(p).convert("L") for p in sorted(work.glob(pdf.stem + "-*.png"))]


def stamp(page: Image.Image, dpi: int, rng: random.Random) -> None:
    """A grey ring with a star, like a red seal photocopied, over the lowest right-hand text
    (the signer's name, above the footnotes and page number) and the signature space above it."""
    w, h = page.size
    ink = page.crop((w // 2, 0, w, h * 85 // 100)).point(lambda v: 255 if v < 128 else 0)
    box = ink.getbbox()
    if box is None:
        return
    bottom = box[3]
    cx = w // 2 + (box[0] + box[2]) // 2 - int(0.4 * dpi)
    cy = bottom - int(0.75 * dpi)
    r = int(0.8 * dpi)
    layer = Image.new("L", page.size, 0)
    d = ImageDraw.Draw(layer)
    d.ellipse((cx - r, cy - r, cx + r, cy + r), outline=255, width=max(2, dpi // 30))
    d.ellipse((cx - r * 8 // 10, cy - r * 8 // 10, cx + r * 8 // 10, cy + r * 8 // 10), outline=255, width=max(1, dpi // 100))
    s = r // 4
    d.polygon([(cx, cy - s), (cx + s // 3, cy - s // 4), (cx + s, cy - s // 4), (cx + s // 2, cy + s // 5),
               (cx + s * 2 // 3, cy + s), (cx, cy + s // 2), (cx - s * 2 // 3, cy + s), (cx - s // 2, cy + s // 5),
               (cx - s, cy - s // 4), (cx - s // 3, cy - s // 4)], fill=255)
    # A few arcs of "lettering" round the ring.
    for k in range(24):
        a0 = k * 15 + rng.randint(0, 5)
        d.arc((cx - r * 9 // 10, cy - r * 9 // 10, cx + r * 9 // 10, cy + r * 9 // 10), a0, a0 + 8, fill=255, width=max(2, dpi // 40))
    layer = layer.filter(ImageFilter.GaussianBlur(dpi / 150))
    grey = Image.new("L", page.size, 110)
    page.paste(Image.composite(grey, page, layer), (0, 0))
    # The handwritten signature: a few loops.
    pts = [(cx - r + i * r // 10, cy + int(r * 0.15 * ((-1) ** i)) + rng.randint(-dpi // 20, dpi // 20)) for i in range(20)]
    ImageDraw.Draw(page).line(pts, fill=40, width=max(2, dpi // 60), joint="curve")


def noise(page: Image.Image, amount: float, rng: random.Random) -> None:
    """Salt-and-pepper speckle over `amount` of the pixels."""
    px = page.load()
    w, h = page.size
    for _ in range(int(w * h * amount)):
        x, y = rng.randrange(w), rng.randrange(h)
        px[x, y] = 0 if rng.random() < 0.5 else 255


def main() -> None:
    source, target = Path(sys.argv[1]), Path(sys.argv[2])
    target.mkdir(parents=True, exist_ok=True)
    for name, (src, dpi, mode, angle, amount, seal) in SCANS.items():
        rng = random.Random(name)
        with tempfile.TemporaryDirectory() as tmp:
            pages = render(source / (src + ".pdf"), dpi, Path(tmp))
            out = []
            for i, page in enumerate(pages):
                if seal and i == len(pages) - 1:
                    stamp(page, dpi, rng)
                if angle:
                    page = page.rotate(angle, resample=Image.BICUBIC, fillcolor=255, expand=False)
                if amount:
                    noise(page, amount, rng)
                if mode == "1":
                    page = page.point(lambda v: 255 if v > 150 else 0).convert("1", dither=Image.NONE)
                else:
                    # A scanner's "clean background": near-white paper becomes white, which
                    # also keeps the JPEG small.
                    page = page.point(lambda v: 255 if v > 215 else v)
                out.append(page)
            path = target / (name + ".pdf")
            if mode == "L":
                jpegs = []
                for page in out:
                    buf = io.BytesIO()
                    page.save(buf, "JPEG", quality=35, dpi=(dpi, dpi))
                    jpegs.append(buf.getvalue())
                path.write_bytes(img2pdf.convert(jpegs))
            else:
                out[0].save(path, save_all=True, append_images=out[1:], resolution=dpi)
            print(f"{path}: {len(out)} pages, {path.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
