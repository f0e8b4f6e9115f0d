# SPDX-License-Identifier: EUPL-1.2
"""`opvang report` in a real browser: Debian's headless Chromium.

The report is made for the synthetic example of examples/data.  The numbers
on the pages are held to the table `opvang places` prints for the same inputs
(data-value attributes and the Dutch text beside them); the pages must load
without a console message or a request to any host but the files themselves.
"""
import csv
import io
import json
import os
import re
import subprocess
from pathlib import Path

import pytest

SOURCE_ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = SOURCE_ROOT / "examples" / "data"
LOCATIONS = EXAMPLE / "synthetic_reception_2026.csv"
TASKS = EXAMPLE / "synthetic_tasks.csv"
DATE = "2026-07-01"
# Zwolle meets its task, Hoogeveen only misses AMV places, Schiermonnikoog has
# no location at all, Groningen and Amsterdam fall short.
SAMPLE = ["GM0014", "GM0363", "GM0193", "GM0118", "GM0088"]
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                  "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--hide-scrollbars", "--enable-logging=stderr", "--v=0"]


def opvang(*args):
    return subprocess.run([os.environ["OPVANG_CLI"], *map(str, args)], capture_output=True,
                          check=False)


def make_report(out, *extra):
    result = opvang("report", "--locations", LOCATIONS, "--tasks", TASKS, "--date", DATE,
                    "--out", out, *extra)
    assert result.returncode == 0, result.stderr.decode()
    return out


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return make_report(tmp_path_factory.mktemp("report") / "site")


@pytest.fixture(scope="module")
def table():
    """The rows of `opvang places` for the same inputs, by code."""
    result = opvang("places", "--locations", LOCATIONS, "--tasks", TASKS, "--date", DATE)
    assert result.returncode == 0
    return {r["code"]: r for r in csv.DictReader(io.StringIO(result.stdout.decode()))}


def chromium(tmp_path, url, *flags):
    """Loads `url` in headless Chromium; returns (stdout, console lines, requested URLs).

    The URLs are those of network requests that a page made.  Chromium's net
    log records them with the page as initiator; the browser's own requests
    (its clock, its updater: whatever the flags) have "not an origin".  Files
    of the report load outside the network and are not in the log at all.
    """
    netlog = tmp_path / "net.json"
    result = subprocess.run(
        [os.environ["CHROMIUM"], *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}",
         f"--log-net-log={netlog}", *flags, url],
        capture_output=True, check=False, timeout=120)
    assert result.returncode == 0, result.stderr.decode()[-2000:]
    console = [line for line in result.stderr.decode().splitlines() if "CONSOLE" in line]
    urls = set()
    if netlog.exists():
        text = netlog.read_text(encoding="utf-8", errors="replace").rstrip()
        try:
            log = json.loads(text)
        except json.JSONDecodeError:  # a log cut short when the browser quit
            log = json.loads(text.rstrip(",") + "]}")
        start_job = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
        for event in log.get("events", []):
            params = event.get("params", {})
            if (event["type"] == start_job and "url" in params
                    and params.get("initiator") != "not an origin"):
                urls.add(params["url"])
    return result.stdout.decode("utf-8"), console, urls


def values(html):
    """(column, value) pairs of the data cells in page order, with their Dutch text."""
    cells = re.findall(r'data-col="([a-z_0-9]+)" data-value="(-?\d+)">([^<]*)<', html)
    for column, value, text in cells:
        # The text is the number as Dutch readers write it: 1.480, -12.
        assert text.replace(".", "") == value, (column, value, text)
    return [(column, int(value)) for column, value, _ in cells]


def test_the_browser_sees_a_request_and_a_console_message(tmp_path):
    # The checks below can fail: a page that asks another host and logs is caught.
    page = tmp_path / "control.html"
    page.write_text('<!DOCTYPE html><html lang="nl"><body><img src="http://opvang.invalid/x.png">'
                    '<script>console.error("control")</script></body></html>', encoding="utf-8")
    _, console, urls = chromium(tmp_path, page.as_uri(), "--dump-dom")
    assert any("control" in line for line in console)
    assert "http://opvang.invalid/x.png" in urls


def test_the_index_in_a_browser(site, tmp_path):
    dom, console, urls = chromium(tmp_path, (site / "index.html").as_uri(), "--dump-dom")
    assert console == [] and urls == set()
    codes = re.findall(r'<path data-code="(GM\d{4})"', dom)
    assert len(codes) == 342 == len(set(codes))
    # Each shape is a link to its page, with its name and numbers in a title.
    links = re.findall(r'<a href="municipalities/(GM\d{4})\.html"><path data-code="(GM\d{4})"', dom)
    assert len(links) == 342 and all(a == b for a, b in links)
    assert all((site / "municipalities" / f"{code}.html").exists() for code, _ in links)
    assert len(re.findall(r"<title>[^<]+: taak [\d.]+ \(amv", dom)) == 342


def test_the_national_numbers_are_those_of_places(site, tmp_path):
    result = opvang("places", "--locations", LOCATIONS, "--tasks", TASKS, "--date", DATE, "--by",
                    "nation")
    nation = next(csv.DictReader(io.StringIO(result.stdout.decode())))
    html = (site / "index.html").read_text(encoding="utf-8")
    summary = dict(values(html)[:8])
    for column in ("task", "task_amv", "places_counting", "places_counting_amv", "gap", "gap_amv",
                   "places_total"):
        assert summary[column] == int(nation[column]), column
    assert f"{int(nation['municipalities_short'])} van de 342 gemeenten" in html


@pytest.mark.parametrize("code", SAMPLE)
def test_a_municipality_page_has_the_numbers_of_places(site, table, tmp_path, code):
    dom, console, urls = chromium(tmp_path, (site / "municipalities" / f"{code}.html").as_uri(),
                                  "--dump-dom")
    assert console == [] and urls == set()
    row = table[code]
    summary = dict(values(dom)[:8])
    for column in ("task", "task_amv", "places_counting", "places_counting_amv", "gap", "gap_amv",
                   "places_total", "places_above_agreement"):
        assert summary[column] == int(row[column]), (code, column)
    met = re.search(r'data-col="met" data-value="(true|false)"', dom).group(1)
    assert met == row["met"]
    # Every location of the municipality is listed, with what it contributes.
    with open(LOCATIONS, newline="", encoding="utf-8") as f:
        ids = [r["id"] for r in csv.DictReader(f) if r["code"] == code]
    assert re.findall(r'<tr data-id="([^"]+)"', dom) == ids
    counted = [v for c, v in values(dom) if c == "places_counting"][1:]
    assert sum(counted) == int(row["places_counting"])
    # What the letter asks, in Dutch.
    assert "Wat de brief vraagt" in dom
    if row["met"] == "false":
        assert "uit te leggen waarom" in dom


def test_a_province_page(site, tmp_path):
    result = opvang("places", "--locations", LOCATIONS, "--tasks", TASKS, "--date", DATE, "--by",
                    "province")
    province = next(r for r in csv.DictReader(io.StringIO(result.stdout.decode()))
                    if r["province_code"] == "PV22")
    dom, console, _ = chromium(tmp_path, (site / "provinces" / "PV22.html").as_uri(), "--dump-dom")
    assert console == []
    assert len(re.findall(r'<path data-code="GM\d{4}"', dom)) == int(province["municipalities"])
    summary = dict(values(dom)[:8])
    assert summary["gap"] == int(province["gap"]) and summary["task"] == int(province["task"])
    # Municipalities by gap, largest first.
    gaps = [v for c, v in values(dom)[8:] if c == "gap"]
    assert len(gaps) == int(province["municipalities"]) and gaps == sorted(gaps, reverse=True)


def test_pages_are_accessible_and_print_on_a4(site, tmp_path):
    for page in [site / "index.html", site / "provinces" / "PV27.html",
                 site / "municipalities" / "GM0363.html"]:
        html = page.read_text(encoding="utf-8")
        assert '<html lang="nl">' in html
        levels = [int(h) for h in re.findall(r"<h([1-6])", html)]
        assert levels[0] == 1 and levels.count(1) == 1
        assert all(b - a <= 1 for a, b in zip(levels, levels[1:]))
        assert html.count("<table") == html.count("<thead>")  # every table has headers
        assert "@media print{@page{size:A4" in html
        assert "<script" not in html and "http://" not in html.replace(
            'xmlns="http://www.w3.org/2000/svg"', "")
    pdf = tmp_path / "page.pdf"
    chromium(tmp_path, (site / "municipalities" / "GM0118.html").as_uri(),
             f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))
    assert 1 <= pages <= 2


def test_a_screenshot_of_the_index(site, tmp_path):
    png = tmp_path / "index.png"
    chromium(tmp_path, (site / "index.html").as_uri(), f"--screenshot={png}",
             "--window-size=1100,1500")
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 50_000


def test_bad_input_writes_nothing(tmp_path):
    out = tmp_path / "bad"
    tasks = tmp_path / "tasks.csv"
    tasks.write_text("code,task\nGM9999,3\n", encoding="utf-8")
    result = opvang("report", "--locations", LOCATIONS, "--tasks", tasks, "--date", DATE,
                    "--out", out)
    assert result.returncode == 1 and "GM9999" in result.stderr.decode()
    assert not out.exists() and list(tmp_path.iterdir()) == [tasks]
    # A directory with other files is refused and left as it was.
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep me", encoding="utf-8")
    result = opvang("report", "--locations", LOCATIONS, "--tasks", TASKS, "--date", DATE,
                    "--out", mine)
    assert result.returncode == 1 and "holds notes.txt, which is not part of an opvang report" in \
        result.stderr.decode()
    assert [p.name for p in mine.iterdir()] == ["notes.txt"]
    # Usage errors: no task, no output directory.
    assert opvang("report", "--locations", LOCATIONS, "--date", DATE, "--out",
                  tmp_path / "x").returncode == 2
    assert opvang("report", "--locations", LOCATIONS, "--tasks", TASKS, "--date",
                  DATE).returncode == 2
    assert not (tmp_path / "x").exists()
    result = opvang("report", "--locations", LOCATIONS, "--tasks", TASKS, "--date", DATE, "--out",
                    tmp_path / "x", "--out", tmp_path / "y")
    assert result.returncode == 2 and "--out is given twice" in result.stderr.decode()
    assert not (tmp_path / "x").exists() and not (tmp_path / "y").exists()


def test_an_earlier_report_is_replaced_whole(tmp_path):
    out = make_report(tmp_path / "site")
    (out / "municipalities" / "GM9999.html").write_text("stale", encoding="utf-8")
    make_report(out, "--min-years", "0")
    assert not (out / "municipalities" / "GM9999.html").exists()
    assert "duurzaam vanaf 0 jaar" in (out / "index.html").read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # nothing left beside it


def test_the_shortfall_projection_of_a_scenario(tmp_path):
    scenario = SOURCE_ROOT / "examples" / "scenarios" / "march_2026.json"
    out = make_report(tmp_path / "site", "--scenario", scenario, "--runs", 500, "--seed", 7)
    result = opvang("project", "--scenario", scenario, "--runs", 500, "--seed", 7)
    weeks = list(csv.DictReader(io.StringIO(result.stdout.decode())))
    dom, console, urls = chromium(tmp_path, (out / "index.html").as_uri(), "--dump-dom")
    assert console == [] and urls == set()
    assert '<svg class="chart"' in dom and "Tekortprognose" in dom
    # The table holds every fourth week of `opvang project` for the same runs and seed.
    table = dom[dom.index('<table class="projection">'):]
    table = table[:table.index("</table>")]
    rows = [dict(values(row)) for row in table.split("<tr>")[2:]]
    assert len(rows) == len(weeks[::4])
    for row, week in zip(rows, weeks[::4]):
        for column in ("occupancy", "capacity", "shortage"):
            assert row[column] == int(week[column]), (week["date"], column)
        for column in ("shortage_p05", "shortage_p95"):
            assert row[column] == int(float(week[column]) + 0.5), (week["date"], column)
    peak = max(weeks, key=lambda w: (int(w["shortage"]), -int(w["week"])))
    assert f"Het grootste tekort is {int(peak['shortage']):,} plaatsen".replace(",", ".") in dom
    # The letter's two figures, which the scenario names, as diamonds on the chart.
    assert dom.count('class="reference"') == 2
    assert "4.500 (brief minister 26 maart 2026)" in dom and "7.900 (brief minister: eind zomer)" in dom
    assert opvang("report", "--locations", LOCATIONS, "--tasks", TASKS, "--date", DATE, "--out",
                  tmp_path / "y", "--runs", 5).returncode == 2


def test_the_housing_task_on_every_municipality_page(tmp_path):
    previous = tmp_path / "previous.csv"
    previous.write_text("code,balance\nGM0363,40\nGM0599,-5\n", encoding="utf-8")
    realised = tmp_path / "realised.csv"
    realised.write_text("code,realised\nGM0363,600\nGM0599,300\n", encoding="utf-8")
    history = tmp_path / "history.csv"
    history.write_text("code,period,balance\nGM0363,2025-H1,30\nGM0363,2025-H2,40\n"
                       "GM0599,2025-H2,0\n", encoding="utf-8")
    out = make_report(tmp_path / "site", "--housing-national", 13000, "--housing-period", "2026-H1",
                      "--previous-balance", previous, "--realised", realised, "--history", history)
    housing = {r["code"]: r for r in csv.DictReader(io.StringIO(opvang(
        "housing-task", "--national", 13000, "--period", "2026-H1", "--previous-balance",
        previous, "--realised", realised).stdout.decode()))}
    # The report judges as of the half-year's first day, 1 January 2026: 2025-H2.
    stages = {r["code"]: r for r in csv.DictReader(io.StringIO(opvang(
        "supervision", "--history", history, "--as-of", "2026-01-01").stdout.decode()))}
    # Amsterdam by hand: ceil(13000 * 934526 / 18044027) = 674 on 1 January 2025; 674 + 40 = 714
    # corrected, 714 - 600 = 114 still to house; two half-years missed: administrative
    # talk since 1 January 2026; Rotterdam on track; Groningen has no data.
    assert housing["GM0363"]["task"] == "674" and housing["GM0363"]["balance"] == "114"
    for code in ("GM0363", "GM0599", "GM0014"):
        html = (out / "municipalities" / f"{code}.html").read_text(encoding="utf-8")
        cells = dict(values(html))
        for column in ("task", "corrected", "realised", "balance"):
            assert cells[f"housing_{column}"] == int(housing[code][column]), (code, column)
        stage = re.search(r'data-col="supervision_stage" data-value="([a-z_]+)"', html).group(1)
        assert stage == stages[code]["stage"]
        assert stage == {"GM0363": "administrative_talk", "GM0599": "on_track",
                         "GM0014": "no_data"}[code]
        assert "Huisvesting van statushouders, 2026-H1" in html and "2025-01-01" in html
        assert "beoordeeld op 2025-H2" in html
    assert opvang("report", "--locations", LOCATIONS, "--tasks", TASKS, "--date", DATE, "--out",
                  tmp_path / "z", "--housing-national", 13000).returncode == 2


def test_the_output_directory_is_handled_with_care(tmp_path):
    # A trailing slash names the same directory, new or earlier.
    out = make_report(tmp_path / "site", )
    make_report(str(out) + "/")
    assert (out / "index.html").exists() and sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    make_report(str(tmp_path / "fresh") + "/")
    assert (tmp_path / "fresh" / "index.html").exists()
    # The site can be read by others as its subdirectories can.
    assert (out.stat().st_mode & 0o777) == ((out / "provinces").stat().st_mode & 0o777)
    # A symbolic link is refused; the directory it points to is untouched.
    link = tmp_path / "link"
    link.symlink_to(out)
    result = opvang("report", "--locations", LOCATIONS, "--tasks", TASKS, "--date", DATE, "--out",
                    link)
    assert result.returncode == 1 and "is a symbolic link" in result.stderr.decode()
    assert link.is_symlink() and (out / "index.html").exists()
    # An earlier report that holds a file of the user's is not replaced.
    (out / "municipalities" / "notes.txt").write_text("mine", encoding="utf-8")
    result = opvang("report", "--locations", LOCATIONS, "--tasks", TASKS, "--date", DATE, "--out",
                    out)
    assert result.returncode == 1
    assert "holds municipalities/notes.txt, which is not part of an opvang report" in \
        result.stderr.decode()
    assert (out / "municipalities" / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fresh", "link", "site"]
