// Pretty-prints a policy document as written (any spacing) and highlights character ranges of
// the original text, so the simulator's StartPosition/EndPosition (line and column of the
// original text, UTF-16 columns as JavaScript counts) can be shown on the pretty form.

const escapeHtml = (s) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

// Offset in `text` of a 1-based line and 1-based column.
export function offsetOf(text, line, column) {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf("\n", offset);
    if (nl < 0) return text.length;
    offset = nl + 1;
  }
  return Math.min(text.length, offset + column - 1);
}

// The statement range [start, end) of a matched statement: the simulator's positions are
// those of the character just after the opening and the closing brace.
export function statementRange(text, start, end) {
  return [offsetOf(text, start.line, start.column) - 1, offsetOf(text, end.line, end.column)];
}

// Pieces of pretty-printed output, each tagged with the offset of the original character it
// stands for (an inserted line break sits just before the token that follows it).
function prettyPieces(text) {
  const pieces = [];
  let indent = 0;
  let pendingBreak = false;
  const isSpace = (c) => c === " " || c === "\t" || c === "\n" || c === "\r";
  const nextNonSpace = (i) => {
    while (i < text.length && isSpace(text[i])) i++;
    return i;
  };
  const emit = (s, raw) => {
    if (pendingBreak) {
      // Just before the token: a highlight that starts at the token starts after the break.
      pieces.push({ text: "\n" + "  ".repeat(indent), raw: raw - 0.5 });
      pendingBreak = false;
    }
    pieces.push({ text: s, raw });
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (isSpace(c)) {
      i++;
    } else if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      emit(text.slice(i, j + 1), i);
      i = j + 1;
    } else if (c === "{" || c === "[") {
      const n = nextNonSpace(i + 1);
      if (text[n] === (c === "{" ? "}" : "]")) {
        emit(c + text[n], i);
        i = n + 1;
      } else {
        emit(c, i);
        indent++;
        pendingBreak = true;
        i++;
      }
    } else if (c === "}" || c === "]") {
      indent = Math.max(0, indent - 1);
      pendingBreak = true;
      emit(c, i);
      i++;
    } else if (c === ",") {
      emit(",", i);
      pendingBreak = true;
      i++;
    } else if (c === ":") {
      emit(": ", i);
      i++;
    } else {
      let j = i;
      while (j < text.length && !isSpace(text[j]) && !",:{}[]\"".includes(text[j])) j++;
      emit(text.slice(i, Math.max(j, i + 1)), i);
      i = Math.max(j, i + 1);
    }
  }
  return pieces;
}

// HTML for `text` pretty-printed, with the original ranges [start, end) wrapped in
// <mark class="hl">. Text that is not JSON is shown as written.
export function renderPolicy(text, ranges = []) {
  let pieces;
  try {
    JSON.parse(text);
    pieces = prettyPieces(text);
  } catch {
    pieces = [...text].map((ch, k) => ({ text: ch, raw: k }));
  }
  const inRange = (raw) => ranges.some(([s, e]) => raw >= s && raw < e);
  let html = "";
  let open = false;
  for (const p of pieces) {
    const hl = inRange(p.raw);
    if (hl && !open) html += '<mark class="hl">';
    if (!hl && open) html += "</mark>";
    open = hl;
    html += escapeHtml(p.text);
  }
  if (open) html += "</mark>";
  return html;
}
