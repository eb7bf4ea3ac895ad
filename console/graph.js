// The graph of who belongs to what and which policies reach whom, as inline SVG. Layout:
// three layered columns (users and roles | groups | policies), ordered by the barycentre
// heuristic (a few sweeps of sorting each column by the mean position of its neighbours),
// edges drawn as cubic curves. Clicking a node highlights everything it reaches or is
// reached from.

const SVG = "http://www.w3.org/2000/svg";

function el(name, attrs = {}, text) {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

// Nodes and edges from the account view (core/ops/console_view.h).
export function graphModel(view) {
  const nodes = new Map();
  const edges = [];
  const add = (id, label, kind, column) => {
    if (!nodes.has(id)) nodes.set(id, { id, label, kind, column });
    return id;
  };
  const policyName = (arn) => arn.slice(arn.lastIndexOf("/") + 1);
  const attach = (from, entity, owner) => {
    for (const arn of entity.attached_policies) {
      add("p:" + arn, policyName(arn), arn.includes(":aws:policy/") ? "aws" : "policy", 2);
      edges.push({ from, to: "p:" + arn, kind: "attached" });
    }
    for (const p of entity.inline_policies) {
      const id = add(`i:${owner}:${entity.name}:${p.name}`, p.name + " (inline)", "inline", 2);
      edges.push({ from, to: id, kind: "inline" });
    }
    if (entity.permissions_boundary) {
      const arn = entity.permissions_boundary;
      add("p:" + arn, policyName(arn), arn.includes(":aws:policy/") ? "aws" : "policy", 2);
      edges.push({ from, to: "p:" + arn, kind: "boundary" });
    }
  };
  for (const u of view.users) {
    const id = add("u:" + u.name, u.name, "user", 0);
    for (const g of u.groups) {
      add("g:" + g, g, "group", 1);
      edges.push({ from: id, to: "g:" + g, kind: "member" });
    }
    attach(id, u, "user");
  }
  for (const r of view.roles) attach(add("r:" + r.name, r.name, "role", 0), r, "role");
  for (const g of view.groups) attach(add("g:" + g.name, g.name, "group", 1), g, "group");
  return { nodes: [...nodes.values()], edges };
}

function order(model) {
  const columns = [[], [], []];
  for (const n of model.nodes) columns[n.column].push(n);
  columns.forEach((c) => c.forEach((n, i) => (n.pos = i)));
  const neighbours = new Map(model.nodes.map((n) => [n.id, []]));
  const byId = new Map(model.nodes.map((n) => [n.id, n]));
  for (const e of model.edges) {
    neighbours.get(e.from).push(byId.get(e.to));
    neighbours.get(e.to).push(byId.get(e.from));
  }
  for (let sweep = 0; sweep < 4; sweep++) {
    for (const col of sweep % 2 ? [1, 0] : [1, 2]) {
      for (const n of columns[col]) {
        const ns = neighbours.get(n.id);
        n.bary = ns.length ? ns.reduce((a, m) => a + m.pos, 0) / ns.length : n.pos;
      }
      columns[col].sort((a, b) => a.bary - b.bary);
      columns[col].forEach((n, i) => (n.pos = i));
    }
  }
  return columns;
}

// Which nodes and edges a node reaches: downstream (groups, policies) and upstream (members).
function reach(model, id) {
  const nodes = new Set([id]);
  const edges = new Set();
  const walk = (start, forward) => {
    const todo = [start];
    while (todo.length) {
      const cur = todo.pop();
      model.edges.forEach((e, k) => {
        const [a, b] = forward ? [e.from, e.to] : [e.to, e.from];
        if (a === cur) {
          edges.add(k);
          if (!nodes.has(b)) {
            nodes.add(b);
            todo.push(b);
          }
        }
      });
    }
  };
  walk(id, true);
  walk(id, false);
  return { nodes, edges };
}

export function renderGraph(container, view) {
  const model = graphModel(view);
  const columns = order(model);
  const rowH = 34, nodeW = 230, nodeH = 24, colGap = 140, pad = 20;
  const height = pad * 2 + Math.max(1, ...columns.map((c) => c.length)) * rowH;
  const width = pad * 2 + 3 * nodeW + 2 * colGap;
  const svg = el("svg", {
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    class: "graph",
    role: "img",
  });
  columns.forEach((col, c) => {
    const offset = (height - pad * 2 - col.length * rowH) / 2;
    col.forEach((n, i) => {
      n.x = pad + c * (nodeW + colGap);
      n.y = pad + offset + i * rowH;
    });
  });
  const byId = new Map(model.nodes.map((n) => [n.id, n]));
  const edgeEls = model.edges.map((e) => {
    const a = byId.get(e.from), b = byId.get(e.to);
    const x1 = a.x + nodeW, y1 = a.y + nodeH / 2, x2 = b.x, y2 = b.y + nodeH / 2;
    const mx = (x1 + x2) / 2;
    const path = el("path", {
      d: `M${x1},${y1} C${mx},${y1} ${mx},${y2} ${x2},${y2}`,
      class: "edge " + e.kind,
    });
    svg.append(path);
    return path;
  });
  const nodeEls = new Map();
  for (const n of model.nodes) {
    const g = el("g", { class: "node " + n.kind, "data-id": n.id, tabindex: 0 });
    g.append(el("rect", { x: n.x, y: n.y, width: nodeW, height: nodeH, rx: 6 }));
    const label = n.label.length > 30 ? n.label.slice(0, 29) + "…" : n.label;
    g.append(el("text", { x: n.x + 10, y: n.y + 16 }, `${n.kind}: ${label}`));
    g.append(el("title", {}, `${n.kind} ${n.label}`));
    g.addEventListener("click", () => select(n.id));
    svg.append(g);
    nodeEls.set(n.id, g);
  }
  function select(id) {
    const r = reach(model, id);
    svg.classList.add("focused");
    nodeEls.forEach((g, k) => g.classList.toggle("lit", r.nodes.has(k)));
    edgeEls.forEach((p, k) => p.classList.toggle("lit", r.edges.has(k)));
  }
  svg.addEventListener("dblclick", () => svg.classList.remove("focused"));
  container.replaceChildren(svg);
  return { model, select };
}
