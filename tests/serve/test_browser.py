"""The explorer pages in a real headless browser: Chromium from the system packages, driven by
Selenium, on `newskg serve` of the seed graph (and of a graph whose names and sentences are markup).

It searches "Putin", opens his page, finds the planned 2022-09-14 meeting with Xi Jinping in
Samarkand on the timeline, opens the event page and sees the evidence sentence, draws the network
(and opens an entity page from a node), and runs the `meetings` tab of the query page (1 row).
A screenshot of each page is saved to $NEWSKG_TEST_ARTIFACTS (default build/test-artifacts/).
Skipped, saying why, when Chromium, its driver or Selenium is missing (`.ci/run` installs them).
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from .server import running

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
WAIT = 20            # seconds an explicit wait may take before the test fails
EVIDENCE = "Pertemuan Vladimir Putin dan Xi Jinping dijadwalkan pada hari Rabu (14/9)."

if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
    pytest.skip(f"no headless browser: {CHROMIUM} and {CHROMEDRIVER} are needed (apt-get install "
                f"chromium chromium-driver; .ci/run does it)", allow_module_level=True)
webdriver = pytest.importorskip("selenium.webdriver",
                                reason="selenium is not installed (pip install 'newskg[test]')")
from selenium.webdriver.chrome.options import Options  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.actions.action_builder import ActionBuilder  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


@pytest.fixture(scope="module")
def artifacts() -> Path:
    folder = Path(os.environ.get("NEWSKG_TEST_ARTIFACTS") or ROOT / "build" / "test-artifacts")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def server(seed_graph):
    with running(seed_graph) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    os.environ.setdefault("SE_OFFLINE", "true")      # selenium-manager never downloads anything
    options = Options()
    options.binary_location = str(CHROMIUM)
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                "--window-size=1280,900", "--lang=en"):
        options.add_argument(arg)
    driver = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    driver.set_page_load_timeout(WAIT)
    try:
        yield driver
    finally:
        driver.quit()


def wait(browser, condition, message: str):
    return WebDriverWait(browser, WAIT).until(condition, message)


def ready(browser, title: str | None = None):
    """Wait until the page says it has drawn its data (body[data-ready]), and for its title."""
    wait(browser, EC.presence_of_element_located((By.CSS_SELECTOR, "body[data-ready='1']")),
         f"{browser.current_url} never became ready")
    if title:
        wait(browser, EC.text_to_be_present_in_element((By.TAG_NAME, "h1"), title),
             f"the page's title is not {title!r}")
    errors = browser.find_elements(By.CSS_SELECTOR, ".error")
    assert not errors, [e.text for e in errors]


def test_search_entity_timeline_event(server, browser, artifacts):
    browser.get(f"{server}/")
    assert browser.current_url == f"{server}/explore/"
    box = wait(browser, EC.element_to_be_clickable((By.ID, "q")), "no search box")
    box.send_keys("Putin", Keys.ENTER)
    hit = wait(browser, EC.element_to_be_clickable(
        (By.XPATH, "//ul[@id='results']//a[normalize-space()='Vladimir Putin']")),
        "searching Putin did not list Vladimir Putin")
    browser.save_screenshot(str(artifacts / "explorer-search.png"))
    hit.click()

    ready(browser, "Vladimir Putin")
    assert "Q7747" in browser.find_element(By.CSS_SELECTOR, "a.wikidata").text
    item = wait(browser, EC.visibility_of_element_located(
        (By.CSS_SELECTOR, "#timeline .vis-item a.event[data-date='2022-09-14']")),
        "no event of 2022-09-14 on the timeline")
    assert item.get_attribute("data-status") == "planned"
    assert item.get_attribute("data-place") == "Samarkand"
    assert "Xi Jinping" in item.text and "Meeting" in item.text
    box = item.find_element(By.XPATH, "ancestor::div[contains(concat(' ', @class, ' '), "
                                      "' vis-item ')][1]")
    assert "status-planned" in box.get_attribute("class")
    browser.save_screenshot(str(artifacts / "explorer-entity.png"))
    item.click()

    ready(browser, "Meeting: Vladimir Putin – Xi Jinping")
    assert browser.find_element(By.ID, "status").text == "planned"
    assert browser.find_element(By.ID, "place").text == "Samarkand"
    sentences = [s.text for s in browser.find_elements(By.CSS_SELECTOR, "#evidence .sentence")]
    assert EVIDENCE in sentences
    source = browser.find_element(By.XPATH, f"//li[blockquote[normalize-space()='{EVIDENCE}']]"
                                            "//div[@class='source']").text
    assert "Kekalahan Perang Rusia" in source and "Nextren.com" in source and "2022-09-12" in source
    browser.save_screenshot(str(artifacts / "explorer-event.png"))


def test_network_draws_and_a_node_opens_its_page(server, browser, artifacts):
    browser.get(f"{server}/explore/")
    browser.find_element(By.LINK_TEXT, "Network").click()
    ready(browser)
    graph = browser.find_element(By.ID, "network")
    assert int(graph.get_attribute("data-nodes")) >= 2 and int(graph.get_attribute("data-edges")) >= 1
    assert browser.find_elements(By.CSS_SELECTOR, "#network canvas")
    assert browser.execute_script("return Object.keys(window.newskgNetwork.getPositions()).length") == \
        int(graph.get_attribute("data-nodes"))
    browser.save_screenshot(str(artifacts / "explorer-network.png"))
    # wait until the layout has settled, then click Xi Jinping's node where vis draws it
    browser.execute_async_script("""
        const done = arguments[arguments.length - 1], network = window.newskgNetwork;
        network.once("stabilized", () => done(true)); network.stabilize(50);""")
    x, y = browser.execute_script("""
        const network = window.newskgNetwork;
        const p = network.canvasToDOM(network.getPosition("https://w3id.org/newskg/id/person/Q15031"));
        const frame = document.querySelector("#network canvas").getBoundingClientRect();
        return [frame.left + p.x, frame.top + p.y];""")
    click = ActionBuilder(browser)
    click.pointer_action.move_to_location(int(x), int(y)).click()
    click.perform()
    wait(browser, EC.url_contains("entity.html"), "clicking Xi Jinping's node opened no page")
    ready(browser, "Xi Jinping")


def test_query_page_runs_the_meetings_tab(server, browser, artifacts):
    browser.get(f"{server}/explore/")
    browser.find_element(By.LINK_TEXT, "SPARQL").click()
    ready(browser)
    tab = wait(browser, EC.element_to_be_clickable(
        (By.XPATH, "//div[contains(@class,'tabsList')]//a[normalize-space(span)='meetings']")),
        "no meetings tab")
    tab.click()
    wait(browser, lambda b: b.execute_script("return window.newskgYasgui.getTab().name()")
         == "meetings", "the meetings tab is not selected")
    browser.find_element(By.CSS_SELECTOR, ".tabPanel.active .yasqe_queryButton").click()
    rows = wait(browser, EC.visibility_of_all_elements_located(
        (By.CSS_SELECTOR, ".tabPanel.active .yasr table tbody tr")), "no result rows")
    assert len(rows) == 1
    assert "Vladimir Putin" in rows[0].text and "Xi Jinping" in rows[0].text
    browser.save_screenshot(str(artifacts / "explorer-query.png"))


# -- text from articles is text ----------------------------------------------------------------

HOSTILE = """\
@prefix nkg: <https://w3id.org/newskg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix schema: <https://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

<https://w3id.org/newskg/id/article/a> {
  <https://w3id.org/newskg/id/event/e> nkg:evidence "<img src=x onerror=\\"window.pwned=3\\">An evidence sentence" .
}
{
  <https://w3id.org/newskg/id/person/evil> a nkg:Person ; rdfs:label "<img src=x onerror=\\"window.pwned=1\\">Evil"@en ;
      skos:altLabel "Evil" ; owl:sameAs <javascript:window.pwned=4> ; nkg:mentionedIn <https://w3id.org/newskg/id/article/a> .
  <https://w3id.org/newskg/id/person/other> a nkg:Person ; rdfs:label "Other"@en .
  <https://w3id.org/newskg/id/event/e> a nkg:Meeting ; rdfs:label "<script>window.pwned=2</script>Meeting"@en ;
      nkg:participant <https://w3id.org/newskg/id/person/evil> , <https://w3id.org/newskg/id/person/other> ; nkg:date "2022-01-02"^^xsd:date ;
      nkg:status nkg:Occurred ; nkg:mentionedIn <https://w3id.org/newskg/id/article/a> ;
      nkg:evidence "<img src=x onerror=\\"window.pwned=3\\">An evidence sentence" .
  <https://w3id.org/newskg/id/article/a> a nkg:Article ; dcterms:title "<b onmouseover=\\"window.pwned=5\\">Title</b>" ;
      schema:url "javascript:window.pwned=6" ; nkg:published "2022-01-03"^^xsd:date .
}
"""


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    path = tmp_path_factory.mktemp("hostile") / "hostile.trig"
    path.write_text(HOSTILE, encoding="utf-8")
    with running(path) as url:
        yield url


def test_names_and_sentences_from_articles_are_shown_as_text(hostile_server, browser):
    browser.get(f"{hostile_server}/explore/?q=evil")
    hit = wait(browser, EC.element_to_be_clickable((By.CSS_SELECTOR, "#results a.result")),
               "searching evil found nothing")
    assert hit.text == '<img src=x onerror="window.pwned=1">Evil'
    hit.click()
    ready(browser, '<img src=x onerror="window.pwned=1">Evil')
    item = wait(browser, EC.visibility_of_element_located((By.CSS_SELECTOR, "#timeline a.event")),
                "no event on the timeline")
    assert item.text.startswith("<script>window.pwned=2</script>Meeting")
    assert browser.find_element(By.CSS_SELECTOR, "a.wikidata").get_attribute("href") is None
    ActionChains(browser).move_to_element(item).perform()             # its tooltip, too
    tooltip = wait(browser, EC.visibility_of_element_located((By.CSS_SELECTOR, ".vis-tooltip")),
                   "no tooltip over the timeline's event")
    assert tooltip.text.startswith("<script>window.pwned=2</script>Meeting")
    item.click()
    ready(browser, "<script>window.pwned=2</script>Meeting")
    sentence = browser.find_element(By.CSS_SELECTOR, "#evidence .sentence")
    assert sentence.text == '<img src=x onerror="window.pwned=3">An evidence sentence'
    article = browser.find_element(By.CSS_SELECTOR, "#evidence .article")
    assert article.text == '<b onmouseover="window.pwned=5">Title</b>'
    assert article.get_attribute("href") is None               # a javascript: URL is no link
    assert not browser.find_elements(By.CSS_SELECTOR, "main img, main script, main b")
    assert browser.execute_script("return window.pwned") is None
