// The query page: YASGUI on this server's SPARQL endpoint, with the saved queries (/queries) as
// ready tabs.  Nothing is fetched from elsewhere: no endpoint catalogue, no prefix services.
import {showError} from "./common.js";

const endpoint = new URL("../sparql", document.baseURI).href;
document.getElementById("endpoint").textContent = endpoint;

async function start() {
  const root = document.getElementById("yasgui");
  let saved = [];
  try {
    const response = await fetch(new URL("../queries", document.baseURI));
    if (!response.ok) throw new Error(`${response.status}: ${await response.text()}`);
    saved = await response.json();
  } catch (error) {
    showError(root, error);
  }
  const yasgui = new Yasgui(root, {
    requestConfig: {endpoint, method: "POST"},
    copyEndpointOnNewTab: true,
    persistenceId: null,                // always this server's saved queries, not a stored state
    autoAddOnInit: saved.length === 0,
    endpointCatalogueOptions: {getData: () => [{endpoint}]},
    yasqe: {autocompleters: ["variables"]},
  });
  // the meetings query is shown first (it needs no parameter); the others wait in their tabs
  const first = saved.find((q) => q.name === "meetings") || saved[0];
  for (const query of [first, ...saved.filter((q) => q !== first)].filter(Boolean)) {
    yasgui.addTab(query === first, {name: query.name, yasqe: {value: query.query},
                                    requestConfig: {endpoint, method: "POST"}});
  }
  window.newskgYasgui = yasgui;
  root.dataset.tabs = String(saved.length);
  document.body.dataset.ready = "1";
}

start().catch((error) => showError(document.querySelector("main"), error));
