"""HTML and text bodies of the technical 404/500 pages, built with f-strings and escape().

Every value that comes from the request, the exception or the code is escaped here.
"""

from __future__ import annotations

import pprint
from typing import Any

from nuages.utils.html import escape

__all__ = ["not_found_html", "traceback_html", "traceback_text", "welcome_html"]

_STYLE = """
html * { padding:0; margin:0; }
body * { padding:10px 20px; }
body * * { padding:0; }
body { font-family: sans-serif; background:#eee; color:#000; }
body > :where(header, main, footer) { border-bottom:1px solid #ddd; }
h1 { font-weight:normal; margin-bottom:.4em; }
h1 span { font-size:60%; color:#666; font-weight:normal; }
h2 { margin-bottom:.8em; }
h3 { margin:1em 0 .5em 0; }
h4 { margin:0 0 .5em 0; font-weight: normal; }
table { border:1px solid #ccc; border-collapse: collapse; width:100%; background:white; }
tbody td, tbody th { vertical-align:top; padding:2px 3px; }
thead th { padding:1px 6px 1px 3px; background:#fefefe; text-align:left; font-weight:normal;
  font-size:11px; border:1px solid #ddd; }
tbody th { width:12em; text-align:right; color:#666; padding-right:.5em; }
table.vars { margin:5px 10px 2px 40px; width:auto; }
table.vars td, table.req td { font-family:monospace; }
table td.code { width:100%; }
table td.code pre { overflow:hidden; }
pre.exception_value { font-family: sans-serif; color: #575757; font-size: 1.5em; margin: 10px 0; }
ul.traceback { list-style-type:none; color: #222; }
ul.traceback li.cause { word-break: break-word; }
ul.traceback li.frame { padding-bottom:1em; color:#4f4f4f; }
ul.traceback li.user { background-color:#e0e0e0; color:#000 }
div.context { padding:10px 0; overflow:hidden; }
div.context ol { padding-left:30px; margin:0 10px; list-style-position: inside; }
div.context ol li { font-family:monospace; white-space:pre; color:#777; cursor:pointer; padding-left: 2px; }
div.context ol li pre { display:inline; }
div.context ol.context-line li { color:#464646; background-color:#dfdfdf; padding: 3px 2px; }
.code { font-family: monospace; }
#summary { background: #ffc; }
#summary h2 { font-weight: normal; color: #666; }
#info { padding: 0; }
#info > * { padding:10px 20px; }
#explanation { background:#eee; }
#template, #template-not-exist { background:#f6f6f6; }
#template-not-exist ul { margin: 0 0 10px 20px; }
#template-not-exist .postmortem-section { margin-bottom: 3px; }
#unicode-hint { background:#eee; }
#traceback { background:#eee; }
#requestinfo { background:#f6f6f6; padding-left:120px; }
#summary table { border:none; background:transparent; }
#requestinfo h2, #requestinfo h3 { position:relative; margin-left:-100px; }
#requestinfo h3 { margin-bottom:-1em; }
.error { background: #ffc; }
.specific { color:#cc3300; font-weight:bold; }
h2 span.commands { font-size: 0.7em; font-weight:normal; }
span.commands a:link {color:#5E5694;}
pre.exception_value { font-family: sans-serif; }
"""

_DEBUG_FOOTER = (
    "You’re seeing this error because you have <code>DEBUG = True</code> in your nuages settings "  # noqa: RUF001
    "file. Change that to <code>False</code>, and nuages will display a standard {what}."
)


def _page(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n'
        '  <meta http-equiv="content-type" content="text/html; charset=utf-8">\n'
        '  <meta name="robots" content="NONE,NOARCHIVE">\n'
        f"  <title>{title}</title>\n  <style>{_STYLE}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def _rows(items: Any) -> str:
    return "".join(
        f'<tr><td>{escape(k)}</td><td class="code"><pre>{escape(_pformat(v))}</pre></td></tr>\n'
        for k, v in items
    )


def _pformat(value: Any) -> str:
    try:
        return pprint.pformat(value)
    except Exception as exc:
        return f"Error in formatting: {exc.__class__.__name__}: {exc}"


def _table(items: Any) -> str:
    return (
        '<table class="req">\n<thead><tr><th>Variable</th><th>Value</th></tr></thead>\n'
        f"<tbody>\n{_rows(items)}</tbody>\n</table>\n"
    )


def _items_table(title_id: str, title: str, items: Any, empty: str) -> str:
    items = list(items)
    if not items:
        return f'<h3 id="{title_id}">{title}</h3>\n<p>{empty}</p>\n'
    return f'<h3 id="{title_id}">{title}</h3>\n{_table(items)}'


def _context_lines(start: int, lines: list[str]) -> str:
    return "".join(f"<li><pre>{escape(line)}</pre></li>" for line in lines)


def _frame_html(frame: dict[str, Any]) -> str:
    parts = []
    cause = frame.get("exc_cause")
    if cause is not None and frame.get("_first_of_cause"):
        if frame.get("exc_cause_explicit"):
            parts.append(
                f'<li class="cause"><h3>The above exception ({escape(cause)}) was the direct cause of the following '
                "exception:</h3></li>"
            )
        else:
            parts.append(
                f'<li class="cause"><h3>During handling of the above exception ({escape(cause)}), another exception '
                "occurred:</h3></li>"
            )
    if frame.get("tb") is None:
        parts.append('<li class="frame user">Traceback: None</li>')
        return "".join(parts)
    pre = frame["pre_context_lineno"]
    context = ['<div class="context" id="c{}">'.format(frame["id"])]
    if frame["pre_context"]:
        context.append(
            f'<ol start="{pre}" class="pre-context">{_context_lines(pre, frame["pre_context"])}</ol>'
        )
    marker = f"\n{escape(frame['colno'])}" if frame.get("colno") else ""
    context.append(
        '<ol start="{}" class="context-line"><li><pre>{}{}</pre> <span>…</span></li></ol>'.format(
            frame["lineno"], escape(frame["context_line"]), marker
        )
    )
    if frame["post_context"]:
        context.append(
            '<ol start="{}" class="post-context">{}</ol>'.format(
                frame["lineno"] + 1, _context_lines(frame["lineno"] + 1, frame["post_context"])
            )
        )
    context.append("</div>")
    vars_html = ""
    if frame.get("vars"):
        rows = "".join(
            f'<tr><td>{escape(k)}</td><td class="code"><pre>{escape(v)}</pre></td></tr>\n'
            for k, v in sorted(frame["vars"], key=lambda kv: str(kv[0]))
        )
        vars_html = (
            '<details><summary>Local vars</summary>\n<table class="vars" id="v{}">\n'
            "<thead><tr><th>Variable</th><th>Value</th></tr></thead>\n<tbody>\n{}</tbody>\n</table>\n"
            "</details>".format(frame["id"], rows)
        )
    parts.append(
        '<li class="frame {}"><code class="fname">{}</code>, line {}, in {}\n{}\n{}</li>\n'.format(
            frame["type"],
            escape(frame["filename"]),
            frame["lineno"],
            escape(frame["function"]),
            "".join(context),
            vars_html,
        )
    )
    return "".join(parts)


def _mark_cause_starts(frames: list[dict[str, Any]]) -> None:
    previous = object()
    for frame in frames:
        cause = frame.get("exc_cause")
        frame["_first_of_cause"] = cause is not previous
        previous = cause


def _template_html(info: dict[str, Any]) -> str:
    rows = []
    for num, line in info.get("source_lines", []):
        if num == info.get("line"):
            rows.append(
                '<tr class="error"><th>{}</th><td>{}<span class="specific">{}</span>{}</td></tr>'.format(
                    num,
                    escape(info.get("before", "")),
                    escape(info.get("during", "")),
                    escape(info.get("after", "")),
                )
                if "during" in info
                else f'<tr class="error"><th>{num}</th><td><span class="specific">{escape(line)}</span></td></tr>'
            )
        else:
            rows.append(f"<tr><th>{num}</th><td>{escape(line)}</td></tr>")
    return (
        '<div id="template">\n<h2>Error during template rendering</h2>\n'
        "<p>In template <code>{}</code>, error at line <strong>{}</strong></p>\n"
        '<h3>{}</h3>\n<table class="source">\n{}\n</table>\n</div>\n'.format(
            escape(info.get("name", "")),
            info.get("line", ""),
            escape(info.get("message", "")),
            "\n".join(rows),
        )
    )


def _postmortem_html(postmortem: Any) -> str:
    parts = ['<div id="template-not-exist">\n<h2>Template-loader postmortem</h2>\n']
    if postmortem:
        parts.append("<p>nuages tried loading these templates, in this order:</p>\n")
        for entry in postmortem:
            tried = getattr(entry, "tried", None) or []
            backend = getattr(getattr(entry, "backend", None), "name", "")
            parts.append(
                f'<p class="postmortem-section">Using engine <code>{escape(backend)}</code>:</p><ul>'
            )
            for origin, reason in tried:
                parts.append(
                    f"<li><code>{escape(getattr(origin, 'name', origin))}</code> ({escape(reason)})</li>"
                )
            parts.append("</ul>\n")
    else:
        parts.append(
            "<p>No templates were found because your 'TEMPLATES' setting is not configured.</p>\n"
        )
    parts.append("</div>\n")
    return "".join(parts)


def traceback_html(c: dict[str, Any]) -> str:
    """The HTML technical 500 page from ExceptionReporter.get_traceback_data()."""
    request = c.get("request")
    exc_type = c.get("exception_type")
    exc_value = c.get("exception_value")
    path = request.path_info if request is not None else None
    heading = escape(exc_type) if exc_type else "Report"
    if path is not None:
        heading = f"{heading} at {escape(path)}"
    value = escape(exc_value) if exc_value else "No exception message supplied"
    if c.get("exception_notes"):
        value += escape(c["exception_notes"])

    summary = [
        f'<header id="summary">\n<h1>{heading}</h1>\n<pre class="exception_value">{value}</pre>\n<table class="meta">\n'
    ]
    if request is not None:
        summary.append(
            f'<tr><th scope="row">Request Method:</th><td>{escape(request.META.get("REQUEST_METHOD", ""))}</td></tr>\n'
        )
        summary.append(
            f'<tr><th scope="row">Request URL:</th><td>{escape(c.get("request_insecure_uri", ""))}</td></tr>\n'
        )
    summary.append(
        f'<tr><th scope="row">nuages Version:</th><td>{escape(c["nuages_version_info"])}</td></tr>\n'
    )
    if exc_type:
        summary.append(
            f'<tr><th scope="row">Exception Type:</th><td>{escape(exc_type)}</td></tr>\n'
        )
    if exc_type and exc_value:
        summary.append(
            f'<tr><th scope="row">Exception Value:</th><td><pre>{escape(exc_value)}</pre></td></tr>\n'
        )
    last = c.get("lastframe")
    if last and last.get("tb") is not None:
        summary.append(
            '<tr><th scope="row">Exception Location:</th><td><span class="fname">{}</span>, line {}, in {}</td></tr>\n'.format(
                escape(last["filename"]), last["lineno"], escape(last["function"])
            )
        )
    if request is not None and c.get("raising_view_name"):
        summary.append(
            f'<tr><th scope="row">Raised during:</th><td>{escape(c["raising_view_name"])}</td></tr>\n'
        )
    summary.append(
        f'<tr><th scope="row">Python Executable:</th><td>{escape(c["sys_executable"])}</td></tr>\n'
    )
    summary.append(
        f'<tr><th scope="row">Python Version:</th><td>{escape(c["sys_version_info"])}</td></tr>\n'
    )
    summary.append(
        f'<tr><th scope="row">Python Path:</th><td><pre>{escape(_pformat(c["sys_path"]))}</pre></td></tr>\n'
    )
    summary.append(
        f'<tr><th scope="row">Server time:</th><td>{escape(c["server_time"].strftime("%a, %d %b %Y %H:%M:%S %z"))}</td></tr>\n'
    )
    summary.append("</table>\n</header>\n")

    main = ['<main id="info">\n']
    if c.get("unicode_hint"):
        main.append(
            f'<div id="unicode-hint">\n<h2>Unicode error hint</h2>\n<p>The string that could not be encoded/decoded was: <strong>{escape(c["unicode_hint"])}</strong></p>\n</div>\n'
        )
    if c.get("template_does_not_exist"):
        main.append(_postmortem_html(c.get("postmortem")))
    if c.get("template_info"):
        main.append(_template_html(c["template_info"]))
    frames = c.get("frames") or []
    if frames:
        _mark_cause_starts(frames)
        main.append(
            '<div id="traceback">\n<h2>Traceback <span class="commands">(innermost last)</span></h2>\n<ul class="traceback">\n'
        )
        main.extend(_frame_html(frame) for frame in frames)
        main.append("</ul>\n</div>\n")

    main.append('<div id="requestinfo">\n<h2>Request information</h2>\n')
    if request is not None:
        if c.get("user_str"):
            main.append(f'<h3 id="user-info">USER</h3>\n<p>{escape(c["user_str"])}</p>\n')
        main.append(_items_table("get-info", "GET", c.get("request_GET_items", ()), "No GET data"))
        main.append(
            _items_table("post-info", "POST", c.get("filtered_POST_items", ()), "No POST data")
        )
        main.append(
            _items_table("files-info", "FILES", c.get("request_FILES_items", ()), "No FILES data")
        )
        main.append(
            _items_table(
                "cookie-info", "COOKIES", c.get("request_COOKIES_items", ()), "No cookie data"
            )
        )
        main.append(
            _items_table("meta-info", "META", sorted(c["request_meta"].items()), "No META data")
        )
    else:
        main.append("<p>Request data not supplied</p>\n")
    settings_module = c["settings"].get("SETTINGS_MODULE")
    main.append('<h3 id="settings-info">Settings</h3>\n')
    if settings_module:
        main.append(f"<h4>Using settings module <code>{escape(settings_module)}</code></h4>\n")
    main.append(_table(sorted(c["settings"].items())))
    main.append("</div>\n</main>\n")

    footer = ""
    if not c.get("is_email"):
        footer = '<footer id="explanation">\n<p>\n{}\n</p>\n</footer>\n'.format(
            _DEBUG_FOOTER.format(what="page generated by the handler for this status code")
        )
    title = heading if exc_type else "Report"
    return _page(title, "".join(summary) + "".join(main) + footer)


def traceback_text(c: dict[str, Any]) -> str:
    """The plain-text technical 500 page."""
    request = c.get("request")
    exc_type = c.get("exception_type")
    exc_value = c.get("exception_value")
    lines = []
    head = exc_type or "Report"
    if request is not None:
        head += f" at {request.path_info}"
    lines.append(head)
    lines.append(exc_value or "No exception message supplied")
    if c.get("exception_notes"):
        lines[-1] += c["exception_notes"]
    lines.append("")
    if request is not None:
        lines.append(f"Request Method: {request.META.get('REQUEST_METHOD', '')}")
        lines.append(f"Request URL: {c.get('request_insecure_uri', '')}")
    lines.append(f"nuages Version: {c['nuages_version_info']}")
    lines.append(f"Python Executable: {c['sys_executable']}")
    lines.append(f"Python Version: {c['sys_version_info']}")
    lines.append(f"Python Path: {_pformat(c['sys_path'])}")
    lines.append(f"Server time: {c['server_time'].strftime('%a, %d %b %Y %H:%M:%S %z')}")
    settings_dict = c["settings"]
    lines.append(f"Installed Applications:\n{_pformat(settings_dict.get('INSTALLED_APPS'))}")
    lines.append(f"Installed Middleware:\n{_pformat(settings_dict.get('MIDDLEWARE'))}")
    lines.append("")
    info = c.get("template_info")
    if info:
        lines.append(
            f"Template error:\nIn template {info.get('name', '')}, error at line {info.get('line', '')}"
        )
        lines.append(f"   {info.get('message', '')}")
        for num, line in info.get("source_lines", []):
            prefix = "->" if num == info.get("line") else "  "
            lines.append(f"   {num} {prefix} : {line}")
        lines.append("")
    frames = c.get("frames") or []
    if frames:
        _mark_cause_starts(frames)
        lines.append("Traceback (most recent call last):")
        for frame in frames:
            cause = frame.get("exc_cause")
            if cause is not None and frame.get("_first_of_cause"):
                if frame.get("exc_cause_explicit"):
                    lines.append(
                        f"\nThe above exception ({cause}) was the direct cause of the following exception:\n"
                    )
                else:
                    lines.append(
                        f"\nDuring handling of the above exception ({cause}), another exception occurred:\n"
                    )
            if frame.get("tb") is None:
                lines.append("  Traceback: None")
                continue
            lines.append(
                f'  File "{frame["filename"]}", line {frame["lineno"]}, in {frame["function"]}'
            )
            lines.append(f"    {frame['context_line'].strip()}")
            if frame.get("colno"):
                indent = len(frame["context_line"]) - len(frame["context_line"].lstrip())
                lines.append("    " + frame["colno"][indent:])
        lines.append("")
    if exc_type:
        where = f" at {request.path_info}" if request is not None else ""
        lines.append(f"Exception Type: {exc_type}{where}")
    if exc_value:
        lines.append(f"Exception Value: {exc_value}")
    lines.append("")
    if request is not None:
        lines.append("Request information:")
        if c.get("user_str"):
            lines.append(f"USER: {c['user_str']}\n")
        lines.extend(_text_section("GET", c.get("request_GET_items", ()), "No GET data"))
        lines.extend(_text_section("POST", c.get("filtered_POST_items", ()), "No POST data"))
        lines.extend(_text_section("FILES", c.get("request_FILES_items", ()), "No FILES data"))
        lines.extend(_text_section("COOKIES", c.get("request_COOKIES_items", ()), "No cookie data"))
        lines.extend(_text_section("META", sorted(c["request_meta"].items()), "No META data"))
    else:
        lines.append("Request data not supplied\n")
    lines.append("Settings:")
    if settings_dict.get("SETTINGS_MODULE"):
        lines.append(f"Using settings module {settings_dict['SETTINGS_MODULE']}")
    lines.extend(f"{k} = {_pformat(v)}" for k, v in sorted(settings_dict.items()))
    if not c.get("is_email"):
        lines.append("")
        lines.append(
            "You’re seeing this error because you have DEBUG = True in your nuages settings file. "  # noqa: RUF001
            "Change that to False, and nuages will display a standard page generated by the handler "
            "for this status code."
        )
    return "\n".join(lines) + "\n"


def _text_section(title: str, items: Any, empty: str) -> list[str]:
    items = list(items)
    if not items:
        return [f"{title}: {empty}", ""]
    return [f"{title}:", *(f"{k} = {_pformat(v)}" for k, v in items), ""]


def not_found_html(
    *,
    request: Any,
    urlconf: Any,
    request_path: str,
    urlpatterns: Any,
    resolved: bool,
    reason: str,
    raising_view_name: str,
) -> str:
    """The technical 404 page."""
    parts = [
        '<header id="summary">\n<h1>Page not found <span>(404)</span></h1>\n',
    ]
    if reason and resolved:
        parts.append(f'<pre class="exception_value">{escape(reason)}</pre>\n')
    parts.append('<table class="meta">\n')
    parts.append(
        f'<tr><th scope="row">Request Method:</th><td>{escape(request.META.get("REQUEST_METHOD", ""))}</td></tr>\n'
    )
    parts.append(
        f'<tr><th scope="row">Request URL:</th><td>{escape(request.build_absolute_uri())}</td></tr>\n'
    )
    if raising_view_name:
        parts.append(
            f'<tr><th scope="row">Raised by:</th><td>{escape(raising_view_name)}</td></tr>\n'
        )
    parts.append('</table>\n</header>\n<main id="info">\n')
    if urlpatterns:
        parts.append(
            f"<p>Using the URLconf defined in <code>{escape(urlconf)}</code>, nuages tried these URL "
            "patterns, in this order:</p>\n<ol>\n"
        )
        for pattern in urlpatterns:
            codes = []
            for index, pat in enumerate(pattern):
                text = escape(getattr(pat, "pattern", pat))
                name = getattr(pat, "name", None)
                if index == len(pattern) - 1 and name:
                    text += f" [name='{escape(name)}']"
                codes.append(f"<code>{text}</code>")
            parts.append(f"<li>{' '.join(codes)}</li>\n")
        parts.append("</ol>\n<p>")
        if request_path:
            parts.append(f"The current path, <code>{escape(request_path)}</code>,")
        else:
            parts.append("The empty path")
        parts.append(" matched the last one." if resolved else " didn’t match any of these.")  # noqa: RUF001
        parts.append("</p>\n")
    else:
        parts.append(f"<p>{escape(reason)}</p>\n")
    parts.append("</main>\n")
    parts.append(
        '<footer id="explanation">\n<p>\n{}\n</p>\n</footer>\n'.format(
            _DEBUG_FOOTER.format(what="404 page")
        )
    )
    return _page(f"Page not found at {escape(request.path_info)}", "".join(parts))


def welcome_html(version: str) -> str:
    """The page shown under DEBUG when the URLconf has no patterns yet."""
    body = (
        '<main id="info">\n<h1>The install worked successfully! Congratulations!</h1>\n'
        f"<p>You are seeing this page because <code>DEBUG = True</code> is in your settings file "
        f"and you have not configured any URLs. nuages {escape(version)}.</p>\n</main>\n"
    )
    return _page("The install worked successfully! Congratulations!", body)
