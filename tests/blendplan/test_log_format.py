"""Log lines are one JSON object each in production (key=value in development), with the
fields a record was given and the id of the request it was written during."""

import json
import logging
import sys

from blendplan.log_format import REQUEST_ID, JsonFormatter, KeyValueFormatter, RequestIdFilter


def record(message="Saved %s", *args, level=logging.INFO, exc_info=None, **extra):
    made = logging.LogRecord("blendplan.test", level, __file__, 1, message, args, exc_info)
    for key, value in extra.items():
        setattr(made, key, value)
    RequestIdFilter().filter(made)
    return made


def test_a_json_line_has_time_level_logger_message_and_the_records_fields():
    line = json.loads(JsonFormatter().format(record("Saved %s", "block", status=200, slow=True)))
    assert line["level"] == "INFO"
    assert line["logger"] == "blendplan.test"
    assert line["message"] == "Saved block"
    assert line["status"] == 200
    assert line["slow"] is True
    assert line["time"].endswith("+00:00")
    assert "args" not in line
    assert "request_id" not in line  # written outside a request


def test_a_json_line_carries_the_request_id_of_the_request_it_was_written_in():
    reset = REQUEST_ID.set("abc123def456")
    try:
        line = json.loads(JsonFormatter().format(record()))
    finally:
        REQUEST_ID.reset(reset)
    assert line["request_id"] == "abc123def456"


def test_a_traceback_stays_inside_its_one_json_line():
    try:
        raise ValueError("boom")
    except ValueError:
        text = JsonFormatter().format(record(level=logging.ERROR, exc_info=sys.exc_info()))
    assert "\n" not in text
    assert "ValueError: boom" in json.loads(text)["exc_info"]


def test_a_development_line_reads_as_key_value_pairs():
    text = KeyValueFormatter().format(record("GET %s", "/x", status=200, view="two words"))
    assert text == 'INFO blendplan.test GET /x status=200 view="two words"'
