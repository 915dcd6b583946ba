// The network page: who takes part in events with whom (vis-network), the top N entities by
// number of such events, filtered by date range and event type; a click on a node opens its page.
// Data: /api/network.
import {api, entityHref, kindName, param, showError} from "./common.js";

const form = document.getElementById("filters");
const container = document.getElementById("network");
const summary = document.getElementById("summary");
const COLORS = {person: "#2f6fb3", organisation: "#c65d21", country: "#3ebd93", place: "#9446ed"};
let network = null;

function fromUrl() {
  for (const name of ["from", "to", "eventType", "limit"]) {
    const given = param(name);
    if (given) form.elements[name].value = given;
  }
}

async function draw() {
  const params = Object.fromEntries(new FormData(form));
  history.replaceState(null, "", "?" + new URLSearchParams(
    Object.entries(params).filter(([, v]) => v)));
  summary.textContent = "Loading …";
  delete container.dataset.nodes;
  try {
    const data = await api("network", params);
    const nodes = data.nodes.map((n) => ({
      id: n.id, label: n.label || n.id, value: n.events,
      title: `${n.label || n.id} (${kindName(n.kind)}): ${n.events} event${n.events === 1 ? "" : "s"} with others`,
      color: COLORS[kindName(n.kind)] || "#627d98",
    }));
    const edges = data.edges.map((e) => ({
      from: e.from, to: e.to, value: e.shared,
      title: `${e.shared} shared event${e.shared === 1 ? "" : "s"}`,
    }));
    if (network) network.destroy();
    network = new vis.Network(container, {nodes, edges}, {
      nodes: {shape: "dot", scaling: {min: 8, max: 30, label: {enabled: true, min: 12, max: 18}},
              font: {color: "#1f2933"}},
      edges: {color: {color: "#bcccdc", highlight: "#2f6fb3"}, scaling: {min: 1, max: 8}},
      physics: {stabilization: {iterations: 150}, barnesHut: {springLength: 200}},
      interaction: {hover: true, tooltipDelay: 150},
    });
    network.on("click", (event) => {
      if (event.nodes.length) location.href = entityHref(event.nodes[0]);
    });
    window.newskgNetwork = network;
    container.dataset.nodes = String(nodes.length);
    container.dataset.edges = String(edges.length);
    summary.textContent = data.total > nodes.length
      ? `The top ${nodes.length} of ${data.total} entities by number of events (limit ${data.limit}), ${edges.length} links.`
      : `${nodes.length} entities, ${edges.length} links.`;
    if (data.edgesCut) summary.textContent += " Only the strongest links are drawn.";
    document.body.dataset.ready = "1";
  } catch (error) {
    summary.textContent = "";
    showError(summary, error);
  }
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  draw();
});
fromUrl();
draw();
