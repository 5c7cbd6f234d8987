"""WCAG contrast of an element's text against the background it is drawn on, in the page."""

from typing import Any

from playwright.sync_api import Locator

# Walks up from the element to the first ancestor with an opaque background; returns the
# text colour, that background, the visible text and the element's box.
_READ = """el => {
  const rgb = s => (s.match(/[\\d.]+/g) || []).map(Number);
  let bg = null;
  for (let n = el; n; n = n.parentElement) {
    const c = rgb(getComputedStyle(n).backgroundColor);
    if (c.length === 3 || (c.length === 4 && c[3] > 0.99)) { bg = c.slice(0, 3); break; }
  }
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  return {
    color: rgb(style.color), background: bg || [255, 255, 255], text: el.innerText.trim(),
    visible: style.visibility !== 'hidden' && style.display !== 'none' && box.width > 0
      && box.height > 0 && Number(style.opacity) > 0,
  };
}"""


def _luminance(rgb: list[float]) -> float:
    def channel(value: float) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: list[float], b: list[float]) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def read_text_style(element: Locator) -> dict[str, Any]:
    found: dict[str, Any] = element.evaluate(_READ)
    if len(found["color"]) == 4 and found["color"][3] < 1:
        found["visible"] = found["visible"] and found["color"][3] > 0
    found["ratio"] = contrast_ratio(found["color"], found["background"])
    return found
