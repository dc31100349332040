#!/usr/bin/env python3
"""The independent decoder the MIME intake is checked against (issue 16).

For every message under the given directories, prints one JSON object per
line: the file (relative to the directory given), the decoded subject and the
text of the message's first text/plain body, decoded by Python's own `email`
package -- with one rule of ours, as mail clients apply it: GB2312 and GBK
are read as GB18030, their real superset (Outlook and Coremail label GBK text
GB2312). Whitespace is normalised the same way on both sides: CRLF as LF,
spaces at line ends dropped, the subject's runs of white space as one space.

    python3 tests/mail/reference_decode.py tests/fixtures/email > tests/fixtures/email/expected.jsonl
"""
import email
import email.errors
import email.header
import email.policy
import json
import os
import re
import sys

SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "euc-cn": "gb18030",
             "cp936": "gb18030", "ks_c_5601-1987": "cp949", "euc-kr": "cp949",
             "shift_jis": "cp932", "x-sjis": "cp932", "big5": "big5hkscs",
             "us-ascii": "utf-8", "ascii": "utf-8"}


def codec(charset):
    name = (charset or "utf-8").strip().strip('"').lower()
    return SUPERSETS.get(name, name)


def decode_bytes(data, charset):
    try:
        return data.decode(codec(charset), errors="replace")
    except LookupError:  # a charset Python does not know
        return data.decode("utf-8", errors="replace")


def decode_body(data, charset):
    """A body as its label says; when the bytes do not fit the label, UTF-8,
    then GB18030 for Chinese labels or none, Windows-1252 for the others, if
    one fits (a mislabelled charset, repaired)."""
    declared = codec(charset)
    chinese = charset is None or declared in ("gb18030", "big5hkscs")
    for name in (declared, "utf-8", "gb18030" if chinese else "cp1252"):
        try:
            return data.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
    return decode_bytes(data, charset)


def subject_of(message):
    raw = message.get("Subject")
    if raw is None:
        return ""
    parts = []
    try:
        words = email.header.decode_header(str(raw))
    except email.errors.HeaderParseError:  # a broken encoded word stays as it was written
        words = [(str(raw), None)]
    for chunk, charset in words:
        parts.append(decode_bytes(chunk, charset) if isinstance(chunk, bytes) else chunk)
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def text_of(message):
    for part in message.walk():
        if part.get_content_maintype() == "multipart":
            continue
        if part.get_content_type() != "text/plain" or part.get_filename():
            continue
        if (part.get("Content-Disposition") or "").strip().lower().startswith("attachment"):
            continue
        payload = part.get_payload(decode=True) or b""
        text = decode_body(payload, part.get_content_charset())
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        return "\n".join(line.rstrip(" \t") for line in text.split("\n")).strip("\n")
    return None


def main(roots):
    for root in roots:
        for directory, _, files in sorted(os.walk(root)):
            for name in sorted(files):
                if name.endswith((".csv", ".md", ".json", ".jsonl", ".txt")):
                    continue
                path = os.path.join(directory, name)
                with open(path, "rb") as handle:
                    message = email.message_from_bytes(handle.read(), policy=email.policy.compat32)
                print(json.dumps({"file": os.path.relpath(path, root), "subject": subject_of(message),
                                  "text": text_of(message)}, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1:])
