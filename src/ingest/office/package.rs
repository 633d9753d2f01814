//! ZIP packages (Office Open XML .docx/.xlsx, OpenDocument .odt/.ods): what kind of
//! document a ZIP holds, and its XML parts read as a stream of events. The `zip` crate
//! reads the container and `quick-xml` the parts; nothing here parses either by hand.
//!
//! Zip bombs: every part is read through [`CappedReader`], which fails once a part has
//! given [`MAX_PART_BYTES`] decompressed or the parts of one file together
//! [`MAX_TOTAL_BYTES`], whatever sizes the archive declares. Parts are parsed as they are
//! decompressed, so memory follows the text found, not the part's size.

use super::Format;
use quick_xml::events::{BytesStart, BytesText};
use std::cell::Cell;
use std::io::{BufReader, Cursor, Read};
use std::rc::Rc;

/// Decompressed bytes read from one part at most.
pub const MAX_PART_BYTES: u64 = 100 * 1024 * 1024;
/// Decompressed bytes read from all parts of one file together at most.
pub const MAX_TOTAL_BYTES: u64 = 200 * 1024 * 1024;

/// The ZIP local file header signature every package starts with.
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// The office format a ZIP package holds, told by its parts (never by the file name), or
/// why it is none of them.
pub fn detect(bytes: &[u8]) -> Result<Format, String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("zip: not a readable ZIP archive: {e}"))?;
    let has = |archive: &zip::ZipArchive<_>, name: &str| archive.index_for_name(name).is_some();
    if has(&archive, "word/document.xml") {
        return Ok(Format::Docx);
    }
    if has(&archive, "xl/workbook.xml") {
        return Ok(Format::Xlsx);
    }
    if has(&archive, "mimetype") {
        let mut mimetype = String::new();
        let read = archive
            .by_name("mimetype")
            .map_err(|e| e.to_string())
            .and_then(|part| {
                part.take(200)
                    .read_to_string(&mut mimetype)
                    .map_err(|e| e.to_string())
            });
        if let Err(e) = read {
            return Err(format!("zip: cannot read the mimetype entry: {e}"));
        }
        match mimetype.trim() {
            "application/vnd.oasis.opendocument.text" => return Ok(Format::Odt),
            "application/vnd.oasis.opendocument.spreadsheet" => return Ok(Format::Ods),
            other => {
                return Err(format!(
                    "zip: OpenDocument type {other:?} is not read (only text and spreadsheet)"
                ))
            }
        }
    }
    Err(
        "zip: not an office document (no word/document.xml, xl/workbook.xml or OpenDocument \
         mimetype)"
            .into(),
    )
}

/// The ODF office namespace, which a flat document's root element must be bound to.
const ODF_OFFICE_NS: &[u8] = b"urn:oasis:names:tc:opendocument:xmlns:office:1.0";

/// The format of a flat OpenDocument file (one XML document, as LibreOffice saves
/// `.fodt` and `.fods`), told by its root: an `office:document` element in the ODF
/// namespace whose `office:mimetype` is a text or a spreadsheet. `None` for any other
/// bytes, whatever the file is called.
pub fn flat_odf(bytes: &[u8]) -> Option<Format> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(bytes);
    let mut buf = Vec::new();
    // Only the prolog is read: a declaration, comments, processing instructions, space.
    for _ in 0..64 {
        let root = match reader.read_event_into(&mut buf).ok()? {
            Event::Start(e) | Event::Empty(e) => e.into_owned(),
            Event::Decl(_) | Event::Comment(_) | Event::PI(_) | Event::DocType(_) => {
                buf.clear();
                continue;
            }
            Event::Text(t) if t.iter().all(|b| b.is_ascii_whitespace()) => {
                buf.clear();
                continue;
            }
            _ => return None,
        };
        if root.local_name().as_ref() != b"document" {
            return None;
        }
        let binding = match root.name().prefix() {
            Some(prefix) => [b"xmlns:".as_slice(), prefix.as_ref()].concat(),
            None => b"xmlns".to_vec(),
        };
        let bound = root
            .attributes()
            .flatten()
            .any(|a| a.key.as_ref() == binding.as_slice() && a.value.as_ref() == ODF_OFFICE_NS);
        if !bound {
            return None;
        }
        return match attr(&root, b"mimetype")?.trim() {
            "application/vnd.oasis.opendocument.text" => Some(Format::Odt),
            "application/vnd.oasis.opendocument.spreadsheet" => Some(Format::Ods),
            _ => None,
        };
    }
    None
}

/// An opened package whose parts are read under the size caps.
pub struct Package<'a> {
    store: Store<'a>,
    /// Bytes still allowed over all parts; shared with the readers handed out.
    total_left: Rc<Cell<u64>>,
    part_limit: u64,
}

/// Where the parts come from: a ZIP archive, or one flat XML document (LibreOffice's
/// `.fodt`/`.fods`) that stands for every part at once.
enum Store<'a> {
    Zip(zip::ZipArchive<Cursor<&'a [u8]>>),
    Flat(&'a [u8]),
}

impl<'a> Package<'a> {
    /// A flat OpenDocument file: every part name reads the whole document, so the ODF
    /// reader's passes over `content.xml` and `styles.xml` see its body and its styles.
    pub fn flat(bytes: &'a [u8]) -> Self {
        Package {
            store: Store::Flat(bytes),
            total_left: Rc::new(Cell::new(MAX_TOTAL_BYTES)),
            part_limit: MAX_PART_BYTES,
        }
    }

    pub fn open(bytes: &'a [u8]) -> Result<Self, String> {
        Self::open_with_limits(bytes, MAX_PART_BYTES, MAX_TOTAL_BYTES)
    }

    /// Like [`Package::open`] with other caps (tests use small ones).
    pub fn open_with_limits(bytes: &'a [u8], part_limit: u64, total: u64) -> Result<Self, String> {
        let archive = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| format!("zip: not a readable ZIP archive: {e}"))?;
        Ok(Package {
            store: Store::Zip(archive),
            total_left: Rc::new(Cell::new(total)),
            part_limit,
        })
    }

    pub fn has(&self, name: &str) -> bool {
        match &self.store {
            Store::Zip(archive) => archive.index_for_name(name).is_some(),
            Store::Flat(_) => true,
        }
    }

    /// Part names, in archive order (none for a flat document).
    pub fn names(&self) -> Vec<String> {
        match &self.store {
            Store::Zip(archive) => archive.file_names().map(str::to_string).collect(),
            Store::Flat(_) => Vec::new(),
        }
    }

    /// Parses one XML part, handing every event to `visit`; `Ok(false)` when the part is
    /// absent. Errors name the part.
    pub fn parse(
        &mut self,
        name: &str,
        mut visit: impl FnMut(XmlEvent<'_>),
    ) -> Result<bool, String> {
        let part: Box<dyn Read + '_> = match &mut self.store {
            Store::Flat(bytes) => Box::new(*bytes),
            Store::Zip(archive) => match archive.by_name(name) {
                Ok(part) => Box::new(part),
                Err(zip::result::ZipError::FileNotFound) => return Ok(false),
                Err(e) => return Err(format!("{name}: cannot read: {e}")),
            },
        };
        let capped = CappedReader {
            inner: part,
            part_left: self.part_limit,
            part_limit: self.part_limit,
            total_left: Rc::clone(&self.total_left),
        };
        let mut reader = quick_xml::Reader::from_reader(BufReader::new(capped));
        // Mismatched end tags are read on rather than refused: the text is what matters.
        reader.config_mut().check_end_names = false;
        let mut buf = Vec::new();
        loop {
            use quick_xml::events::Event;
            let event = reader
                .read_event_into(&mut buf)
                .map_err(|e| format!("{name}: {}", xml_error_message(&e)))?;
            match event {
                Event::Start(e) => visit(XmlEvent::Start(&e)),
                Event::Empty(e) => {
                    visit(XmlEvent::Start(&e));
                    visit(XmlEvent::End(e.local_name().as_ref()));
                }
                Event::End(e) => visit(XmlEvent::End(e.local_name().as_ref())),
                Event::Text(e) => visit(XmlEvent::Text(&text_of(&e))),
                Event::CData(e) => visit(XmlEvent::Text(&String::from_utf8_lossy(&e))),
                Event::Eof => break,
                _ => {}
            }
            buf.clear();
        }
        Ok(true)
    }
}

/// One XML event as the readers see it: elements by local name (namespace prefixes vary
/// between producers), text already unescaped.
pub enum XmlEvent<'e> {
    Start(&'e BytesStart<'e>),
    End(&'e [u8]),
    Text(&'e str),
}

/// The local name of a start tag.
pub fn local(e: &BytesStart<'_>) -> Vec<u8> {
    e.local_name().as_ref().to_vec()
}

/// The value of the attribute with this local name (any prefix), unescaped.
pub fn attr(e: &BytesStart<'_>, local_name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local_name)
        .map(|a| {
            // Packages are UTF-8 in practice; attribute values are decoded as such.
            let raw = String::from_utf8_lossy(&a.value);
            match quick_xml::escape::unescape(&raw) {
                Ok(v) => v.into_owned(),
                Err(_) => raw.into_owned(),
            }
        })
}

/// Text with entities resolved; an unknown entity keeps the raw text rather than failing.
fn text_of(e: &BytesText<'_>) -> String {
    match e.unescape() {
        Ok(text) => text.into_owned(),
        Err(_) => String::from_utf8_lossy(e).into_owned(),
    }
}

const OVER_LIMIT: &str = "decompressed size over the limit";

fn xml_error_message(e: &quick_xml::Error) -> String {
    match e {
        quick_xml::Error::Io(io) if io.to_string().contains(OVER_LIMIT) => io.to_string(),
        other => format!("malformed XML: {other}"),
    }
}

/// Fails a read once a part, or all parts together, have given more than allowed.
struct CappedReader<R> {
    inner: R,
    part_left: u64,
    part_limit: u64,
    total_left: Rc<Cell<u64>>,
}

impl<R: Read> Read for CappedReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let got = n as u64;
        let total = self.total_left.get();
        if got > self.part_left || got > total {
            let which = if got > self.part_left {
                format!("{} MiB per part", self.part_limit >> 20)
            } else {
                "the limit for the whole file".to_string()
            };
            return Err(std::io::Error::other(format!(
                "{OVER_LIMIT} ({which}); zip bomb or too large"
            )));
        }
        self.part_left -= got;
        self.total_left.set(total - got);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, data) in parts {
            writer
                .start_file(*name, zip::write::SimpleFileOptions::default())
                .expect("start");
            writer.write_all(data).expect("write");
        }
        writer.finish().expect("finish").into_inner()
    }

    fn text_of_part(package: &mut Package<'_>, name: &str) -> Result<String, String> {
        let mut text = String::new();
        package.parse(name, |event| {
            if let XmlEvent::Text(t) = event {
                text.push_str(t);
            }
        })?;
        Ok(text)
    }

    #[test]
    fn detects_by_parts_and_mimetype() {
        let docx = zip_of(&[("word/document.xml", b"<w:document/>")]);
        assert_eq!(detect(&docx), Ok(Format::Docx));
        let xlsx = zip_of(&[("xl/workbook.xml", b"<workbook/>")]);
        assert_eq!(detect(&xlsx), Ok(Format::Xlsx));
        let odt = zip_of(&[("mimetype", b"application/vnd.oasis.opendocument.text")]);
        assert_eq!(detect(&odt), Ok(Format::Odt));
        let ods = zip_of(&[(
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet",
        )]);
        assert_eq!(detect(&ods), Ok(Format::Ods));
        let odp = zip_of(&[(
            "mimetype",
            b"application/vnd.oasis.opendocument.presentation",
        )]);
        assert!(detect(&odp).unwrap_err().contains("presentation"));
        let other = zip_of(&[("readme.txt", b"hello")]);
        assert!(detect(&other)
            .unwrap_err()
            .contains("not an office document"));
        assert!(detect(b"PK\x03\x04garbage")
            .unwrap_err()
            .contains("not a readable ZIP"));
    }

    #[test]
    fn parts_over_the_caps_are_refused() {
        let big = format!("<a>{}</a>", "x".repeat(5000));
        let bytes = zip_of(&[("one.xml", big.as_bytes()), ("two.xml", big.as_bytes())]);
        // Per part.
        let mut package = Package::open_with_limits(&bytes, 4000, 1 << 20).expect("opens");
        let err = text_of_part(&mut package, "one.xml").unwrap_err();
        assert!(err.contains("over the limit"), "{err}");
        // In total: each part fits, both together do not.
        let mut package = Package::open_with_limits(&bytes, 8000, 9000).expect("opens");
        assert_eq!(
            text_of_part(&mut package, "one.xml").expect("first").len(),
            5000
        );
        let err = text_of_part(&mut package, "two.xml").unwrap_err();
        assert!(err.contains("whole file"), "{err}");
        // An absent part is not an error.
        assert_eq!(package.parse("three.xml", |_| {}), Ok(false));
    }

    #[test]
    fn entities_and_malformed_xml() {
        let bytes = zip_of(&[
            ("ok.xml", "<a>S&#7889; &amp; &lt;</a>".as_bytes()),
            ("bad.xml", b"<a><b>text</a"),
        ]);
        let mut package = Package::open(&bytes).expect("opens");
        assert_eq!(text_of_part(&mut package, "ok.xml").expect("ok"), "Số & <");
        let err = text_of_part(&mut package, "bad.xml").unwrap_err();
        assert!(err.starts_with("bad.xml: malformed XML"), "{err}");
    }
}
