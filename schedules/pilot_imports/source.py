"""Opening an uploaded file: size limits, gzip and zip, the text encoding, the fingerprint.

The file is read once, in chunks, never whole: ``open_text`` returns a text stream over the
decompressed bytes and a ``Source`` that counts and hashes them on the way. A gzip or zip file
is expanded as it is read and refused the moment it expands past the size limit (a zip's own
account of its sizes is not trusted). The fingerprint is the SHA-256 of the decompressed
content, so an export imported again, zipped or not, is recognised as the same file.
"""

import codecs
import contextlib
import hashlib
import io
import struct
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from typing import IO, Protocol, cast

from .errors import ErrorCode, PilotImportError

CHUNK = 1 << 16
HEAD = 1 << 16  # what detection looks at

GZIP_MAGIC = b"\x1f\x8b"
ZIP_MAGIC = b"PK\x03\x04"
ZIP_EMPTY = b"PK\x05\x06"
# Other containers people upload by mistake, with the advice for each.
BINARY_KINDS = (
    (b"%PDF", "a PDF document"),
    (b"\xd0\xcf\x11\xe0", "an old Excel or Word file (.xls, .doc)"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ", "an xz archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
)


class ByteStream(Protocol):
    """What an upload must offer: a binary file, a Django ``UploadedFile``, a request body."""

    def read(self, size: int = -1, /) -> bytes: ...

    def seekable(self) -> bool: ...

    def seek(self, offset: int, whence: int = 0, /) -> int: ...


def megabytes(size: int) -> str:
    """A size as people read it: "1.5 MB", "200 MB", "500 kB", "40 bytes"."""
    if size < 1000:
        return f"{size} bytes"
    if size < 1_000_000:
        return f"{size // 1000} kB"
    return f"{size / 1_000_000:.1f} MB" if size < 10_000_000 else f"{size // 1_000_000} MB"


def too_large(limit: int, *, expanded: bool) -> PilotImportError:
    if expanded:
        return PilotImportError(
            ErrorCode.TOO_LARGE,
            f"The compressed file expands past the {megabytes(limit)} limit. Upload a shorter "
            "export (fewer weeks or one activity at a time).",
        )
    return PilotImportError(
        ErrorCode.TOO_LARGE,
        f"The file is larger than the {megabytes(limit)} limit. Upload a shorter export "
        "(fewer weeks or one activity at a time), or compress it as .gz or .zip.",
    )


class Source:
    """Counts and hashes the decompressed bytes as they pass; knows the encoding chosen."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.size = 0
        self.compressed = ""  # "", "gzip" or "zip"
        self.encoding = "utf-8"
        self._hash = hashlib.sha256()

    @property
    def fingerprint(self) -> str:
        """The SHA-256 of the content read so far (all of it, once the reading is done)."""
        return self._hash.hexdigest()

    def take(self, chunk: bytes) -> bytes:
        self.size += len(chunk)
        if self.size > self.limit:
            raise too_large(self.limit, expanded=bool(self.compressed))
        self._hash.update(chunk)
        return chunk


class _ChunkStream(io.RawIOBase):
    """A readable raw stream over an iterator of byte chunks."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks
        self._rest = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: "memoryview | bytearray") -> int:  # type: ignore[override]
        while not self._rest:
            try:
                self._rest = next(self._chunks)
            except StopIteration:
                return 0
        size = min(len(buffer), len(self._rest))
        buffer[:size] = self._rest[:size]
        self._rest = self._rest[size:]
        return size


def _raw_chunks(stream: ByteStream, first: bytes, limit: int) -> Iterator[bytes]:
    total = len(first)
    if first:
        yield first
    while chunk := stream.read(CHUNK):
        total += len(chunk)
        if total > limit:
            raise too_large(limit, expanded=False)
        yield chunk


def _gunzip(chunks: Iterator[bytes]) -> Iterator[bytes]:
    inflater = zlib.decompressobj(wbits=32 + zlib.MAX_WBITS)
    try:
        for chunk in chunks:
            data = chunk
            while data:
                # Small output steps, so a bomb is caught after at most one chunk past the limit.
                out = inflater.decompress(data, CHUNK)
                if out:
                    yield out
                data = inflater.unconsumed_tail
                if inflater.eof:
                    break
            if inflater.eof:
                break
    except zlib.error as error:
        raise PilotImportError(
            ErrorCode.ARCHIVE, "The .gz file is damaged or incomplete: it could not be expanded."
        ) from error
    if not inflater.eof:
        raise PilotImportError(
            ErrorCode.ARCHIVE, "The .gz file ends too early: it may not have finished uploading."
        )


def _zip_member(stream: ByteStream, first: bytes, limit: int) -> Iterator[bytes]:
    """The one file in a zip, expanded chunk by chunk (zipfile needs to seek: an upload
    that cannot is spooled first, within the limit)."""
    with contextlib.ExitStack() as stack:
        if stream.seekable():
            if stream.seek(0, io.SEEK_END) > limit:
                raise too_large(limit, expanded=False)
            stream.seek(0)
            seekable = cast(IO[bytes], stream)  # zipfile reads and seeks, nothing more
        else:
            seekable = stack.enter_context(tempfile.SpooledTemporaryFile(max_size=8 << 20))
            for chunk in _raw_chunks(stream, first, limit):
                seekable.write(chunk)
            seekable.seek(0)
        yield from _expand_zip(seekable)


def _expand_zip(seekable: IO[bytes]) -> Iterator[bytes]:
    try:
        archive = zipfile.ZipFile(seekable)
    except zipfile.BadZipFile as error:
        raise PilotImportError(
            ErrorCode.ARCHIVE, "The .zip file is damaged or incomplete: it could not be opened."
        ) from error
    with archive:
        names = [
            info
            for info in archive.infolist()
            if not info.is_dir() and not info.filename.startswith("__MACOSX/")
        ]
        if any(info.filename == "[Content_Types].xml" for info in names):
            raise PilotImportError(
                ErrorCode.NOT_TEXT,
                "This is an Excel workbook (.xlsx). Download the report as CSV instead, or in "
                "Excel use File › Save As › CSV UTF-8.",
            )
        if len(names) != 1:
            raise PilotImportError(
                ErrorCode.ARCHIVE,
                f"The .zip file holds {len(names)} files; put exactly one export in it.",
            )
        try:
            with archive.open(names[0]) as member:
                while chunk := member.read(CHUNK):
                    yield chunk
        except (zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError) as error:
            raise PilotImportError(
                ErrorCode.ARCHIVE,
                "The file inside the .zip could not be expanded (damaged, encrypted or "
                "compressed in a way we do not read).",
            ) from error


def refuse_binary(head: bytes) -> None:
    """Raise for a head that is a container or binary file we do not read."""
    for magic, what in BINARY_KINDS:
        if head.startswith(magic):
            raise PilotImportError(
                ErrorCode.NOT_TEXT, f"This is {what}, not an export we read. Upload a CSV file."
            )
    if head.startswith(GZIP_MAGIC) or head.startswith(ZIP_MAGIC):
        raise PilotImportError(
            ErrorCode.ARCHIVE, "The archive holds another archive; upload the export itself."
        )


def choose_encoding(head: bytes) -> str:
    """Return the codec for text that starts with ``head``: a BOM's, else UTF-8, else cp1252."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith(codecs.BOM_UTF16_LE) or head.startswith(codecs.BOM_UTF16_BE):
        return "utf-16"  # Teams' attendance reports and Moodle's "Excel" downloads
    if b"\x00" in head[:4096]:
        raise PilotImportError(
            ErrorCode.NOT_TEXT,
            "This file is not text (it holds binary data). Upload the CSV or JSON export.",
        )
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return "cp1252"  # what Excel on Windows writes as "CSV"
    return "utf-8"


def decompress_head(head: bytes) -> tuple[bytes, str]:
    """Return as much of the content at the start of ``head`` as can be expanded, and how
    it was compressed ("", "gzip" or "zip"). For detection only: nothing is checked here."""
    if head.startswith(GZIP_MAGIC):
        try:
            return zlib.decompressobj(wbits=32 + zlib.MAX_WBITS).decompress(head, HEAD), "gzip"
        except zlib.error:
            return b"", "gzip"
    if head.startswith(ZIP_MAGIC) and len(head) >= 30:
        (method,) = struct.unpack("<H", head[8:10])
        name_len, extra_len = struct.unpack("<HH", head[26:30])
        start = 30 + name_len + extra_len
        if method == 0:
            return head[start : start + HEAD], "zip"
        try:
            return zlib.decompressobj(wbits=-zlib.MAX_WBITS).decompress(head[start:], HEAD), "zip"
        except zlib.error:
            return b"", "zip"
    return head, ""


def open_text(stream: ByteStream, limit: int) -> tuple[io.TextIOWrapper, Source, str]:
    """Return a text stream over the file's content, its ``Source``, and its first
    characters (for detection), refusing what is too large or not an export."""
    source = Source(limit)
    first = stream.read(HEAD)
    if not first:
        raise PilotImportError(ErrorCode.EMPTY, "The file is empty.")
    if first.startswith(ZIP_EMPTY):
        raise PilotImportError(ErrorCode.ARCHIVE, "The .zip file is empty.")
    chunks: Iterator[bytes]
    if first.startswith(GZIP_MAGIC):
        source.compressed = "gzip"
        chunks = _gunzip(_raw_chunks(stream, first, limit))
    elif first.startswith(ZIP_MAGIC):
        source.compressed = "zip"
        chunks = _zip_member(stream, first, limit)
    else:
        refuse_binary(first)
        chunks = _raw_chunks(stream, first, limit)
    counted = (source.take(chunk) for chunk in chunks)
    buffered = io.BufferedReader(_ChunkStream(counted), buffer_size=CHUNK)
    head = buffered.peek(HEAD)[:HEAD]
    if not head:
        raise PilotImportError(ErrorCode.EMPTY, "The file is empty.")
    if source.compressed:
        refuse_binary(head)
    source.encoding = choose_encoding(head)
    text = io.TextIOWrapper(buffered, encoding=source.encoding, errors="replace", newline="")
    decoded = head.decode(source.encoding, errors="ignore")
    return text, source, decoded
