"""Accessibility checks run inside the browser on a page as chromium renders it: WCAG AA text
contrast from the computed styles (the relative-luminance formula of WCAG 2.x, written here,
no external tool), a label for every form control, one h1, a lang attribute, and a visible
focus indicator on what has the keyboard focus.

What cannot be computed (a colour the parser does not read, text over a background image) is
reported by name, never passed over: the tests fail on it as on a contrast that is too low.
"""

from __future__ import annotations

from typing import Any

# Shared by both scripts: colours, compositing, luminance, and the background behind a node.
_COMMON = r"""
const parse = (text) => {
  const m = /^rgba?\(([^)]+)\)$/.exec(text.trim());
  if (!m) return null;
  const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number);
  if (p.length < 3 || p.some(Number.isNaN)) return null;
  return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
};
const over = (top, below) => [0, 1, 2].map((i) => top[3] * top[i] + (1 - top[3]) * below[i]);
const luminance = (rgb) => {
  const [r, g, b] = rgb.map((v) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
const ratio = (a, b) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
};
const hex = (rgb) => "#" + rgb.map((v) => Math.round(v).toString(16).padStart(2, "0")).join("");
const describe = (el) => {
  let name = el.tagName.toLowerCase();
  if (el.id) name += "#" + el.id;
  else if (typeof el.className === "string" && el.className.trim())
    name += "." + el.className.trim().split(/\s+/).join(".");
  const parent = el.parentElement;
  return parent && parent !== document.body ? describe(parent) + " > " + name : name;
};
// The opaque colour behind `el`'s content, and its cumulative opacity: the backgrounds of it and
// its ancestors composited from the white canvas down; {unknown} where one is an image.
const backdrop = (el) => {
  const chain = [];
  for (let n = el; n; n = n.parentElement) chain.unshift(n);
  let colour = [255, 255, 255];
  let opacity = 1;
  for (const n of chain) {
    const cs = getComputedStyle(n);
    opacity *= Number(cs.opacity);
    if (cs.backgroundImage !== "none")
      return { unknown: "a background image (" + cs.backgroundImage.slice(0, 60) + ") on " +
        describe(n) };
    const bg = parse(cs.backgroundColor);
    if (!bg)
      return { unknown: "an unreadable background colour " + cs.backgroundColor + " on " +
        describe(n) };
    colour = over([bg[0], bg[1], bg[2], bg[3] * opacity], colour);
  }
  return { colour, opacity };
};
"""

CONTRAST = (
    "() => {"
    + _COMMON
    + r"""
  const failures = [], unknown = [];
  let checked = 0;
  const seen = new Set();
  const check = (el, text, rect, pseudo = null) => {
    const key = pseudo ? pseudo + " of " : "";
    if (seen.has(el) && !pseudo) return;
    if (!pseudo) seen.add(el);
    const cs = getComputedStyle(el, pseudo);
    if (!el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) return;
    if (rect.width <= 1 || rect.height <= 1) return;  // clipped away (a visually hidden caption)
    if (rect.right + scrollX <= 0 || rect.bottom + scrollY <= 0) return;  // off the page
    const svg = el instanceof SVGElement;
    const fgText = svg ? cs.fill : cs.color;
    const fg = parse(fgText);
    let behind = backdrop(el);
    const own = pseudo ? parse(cs.backgroundColor) : null;  // a pseudo-element's own background
    if (own && !behind.unknown) behind = { ...behind, colour: over(own, behind.colour) };
    const where = key + describe(el) + ': "' + text.trim().slice(0, 50) + '"';
    if (!fg) { unknown.push(where + ": an unreadable text colour " + fgText); return; }
    if (behind.unknown) { unknown.push(where + ": " + behind.unknown); return; }
    const ink = over([fg[0], fg[1], fg[2], fg[3] * behind.opacity], behind.colour);
    const size = parseFloat(cs.fontSize);
    const bold = Number(cs.fontWeight) >= 700;
    const large = size >= 24 || (bold && size >= 18.66);
    const need = large ? 3 : 4.5;
    const got = ratio(ink, behind.colour);
    checked += 1;
    if (got < need)
      failures.push(where + ": " + hex(ink) + " on " + hex(behind.colour) + " is " +
        got.toFixed(2) + ":1, needs " + need + ":1 (" + size + "px, weight " + cs.fontWeight + ")");
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const skip = new Set(["SCRIPT", "STYLE", "TEMPLATE", "NOSCRIPT", "OPTION", "DATALIST", "TITLE"]);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!node.textContent.trim() || !el || skip.has(el.tagName.toUpperCase())) continue;
    if (el.closest("select, datalist")) continue;  // the select itself is checked below
    const range = document.createRange();
    range.selectNodeContents(node);
    check(el, node.textContent, range.getBoundingClientRect());
  }
  const controls =
    "input:not([type=hidden]):not([type=checkbox]):not([type=radio]), select, textarea";
  for (const el of document.querySelectorAll(controls))
    check(el, el.value || el.getAttribute("type") || el.tagName, el.getBoundingClientRect());
  // generated text (`content:` of ::before and ::after), such as a table cell's label on a
  // narrow screen
  for (const el of document.body.querySelectorAll("*")) {
    for (const pseudo of ["::before", "::after"]) {
      const content = getComputedStyle(el, pseudo).content;
      if (["none", "normal", '""', "''"].includes(content)) continue;
      const text = content.startsWith("attr(")
        ? el.getAttribute(content.slice(5, -1)) || "" : content.replace(/^["']|["']$/g, "");
      if (text.trim()) check(el, text, el.getBoundingClientRect(), pseudo);
    }
  }
  return { checked, failures, unknown };
}"""
)

STRUCTURE = r"""() => {
  const name = (el) => (el.getAttribute("aria-label") || "").trim() ||
    (el.getAttribute("aria-labelledby") || "").split(/\s+/).filter(Boolean)
      .map((id) => (document.getElementById(id) || { textContent: "" }).textContent.trim())
      .join(" ").trim();
  const unlabelled = [];
  const controls = "input:not([type=hidden]), select, textarea";
  for (const el of document.querySelectorAll(controls)) {
    const labels = [...(el.labels || [])].map((l) => l.textContent.trim()).filter(Boolean);
    if (!labels.length && !name(el) && !(el.getAttribute("title") || "").trim())
      unlabelled.push(
        el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + "[name=" + el.name + "]");
  }
  for (const el of document.querySelectorAll("button, a[href]")) {
    if (!el.textContent.trim() && !name(el))
      unlabelled.push(el.tagName.toLowerCase() + " without text: " + el.outerHTML.slice(0, 80));
  }
  return {
    lang: document.documentElement.getAttribute("lang") || "",
    h1: [...document.querySelectorAll("h1")].map((h) => h.textContent.trim()),
    title: document.title,
    unlabelled,
  };
}"""

FOCUS = (
    "() => {"
    + _COMMON
    + r"""
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const cs = getComputedStyle(el);
  const rect = el.getBoundingClientRect();
  const width = parseFloat(cs.outlineWidth) || 0;
  const offset = parseFloat(cs.outlineOffset) || 0;
  const first = el.labels && el.labels[0];
  const label = (first ? first.textContent : el.textContent || el.value || "")
    .trim().replace(/\s+/g, " ").slice(0, 60);
  const report = {
    tag: el.tagName.toLowerCase(), id: el.id, type: el.getAttribute("type") || "",
    href: el.getAttribute("href") || "", label, where: describe(el),
    focusVisible: el.matches(":focus-visible"), style: cs.outlineStyle, width,
    colour: cs.outlineColor, ratio: null, against: null, problem: null,
  };
  const ring = parse(cs.outlineColor);
  if (cs.outlineStyle === "none" || width < 2 || !ring) {
    report.problem = "no outline of 2px or more (" + cs.outlineStyle + " " + cs.outlineWidth +
      " " + cs.outlineColor + ")";
    return report;
  }
  // what lies just outside the element, where the outline is drawn: on each side, the topmost
  // element there that is not the focused one (an outline is not hit by elementsFromPoint)
  const gap = offset + width / 2;
  const y = Math.min(Math.max(rect.top + rect.height / 2, 0), innerHeight - 1);
  const points = [rect.left - gap, rect.right + gap].filter((x) => x >= 0 && x < innerWidth);
  let worst = null;
  for (const x of points) {
    const under = document.elementsFromPoint(x, y).find((n) => n !== el && !el.contains(n));
    const behind = backdrop(under || document.documentElement);
    if (behind.unknown) {
      report.problem = "the background around it: " + behind.unknown;
      return report;
    }
    const got = ratio(over(ring, behind.colour), behind.colour);
    if (worst === null || got < worst.got) worst = { got, against: hex(behind.colour) };
  }
  if (worst === null) { report.problem = "it lies outside the window"; return report; }
  report.ratio = Number(worst.got.toFixed(2));
  report.against = worst.against;
  if (worst.got < 3)
    report.problem = "its outline " + hex(ring.slice(0, 3)) + " on " + worst.against + " is " +
      report.ratio + ":1, needs 3:1";
  if (!report.focusVisible) report.problem = "it does not match :focus-visible";
  return report;
}"""
)


def contrast(page: Any) -> dict[str, Any]:
    """{checked, failures, unknown} for every visible text of ``page``."""
    return dict(page.evaluate(CONTRAST))


def structure(page: Any) -> dict[str, Any]:
    """{lang, h1 (their texts), title, unlabelled (form controls, buttons and links)}."""
    return dict(page.evaluate(STRUCTURE))


def focused(page: Any) -> dict[str, Any] | None:
    """What has the keyboard focus and how its indicator shows (``problem`` None when it does)."""
    found = page.evaluate(FOCUS)
    return None if found is None else dict(found)
