/** WCAG AA contrast of the visible text of a page, for the browser tests. */
import type { Page } from 'playwright-core';

/**
 * Visible text whose colour has less than WCAG AA contrast with the background behind it (4.5:1, or
 * 3:1 for large text), as "ratio colour on background: text".
 */
export function lowContrastText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const rgb = (c: string) => {
      const m = c.match(/rgba?\(([^)]+)\)/);
      if (!m) throw new Error(`unexpected colour ${c}`);
      const [r, g, b, a = 1] = m[1]!
        .split(/[ ,/]+/)
        .filter(Boolean)
        .map(Number) as [number, number, number, number?];
      return { r, g, b, a };
    };
    const luminance = (c: { r: number; g: number; b: number }) => {
      const f = (v: number) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
    };
    const background = (el: Element) => {
      for (let e: Element | null = el; e; e = e.parentElement) {
        const c = rgb(getComputedStyle(e).backgroundColor);
        if (c.a > 0.5) return c;
      }
      return { r: 255, g: 255, b: 255, a: 1 };
    };
    const out = new Set<string>();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || !n.textContent?.trim() || el.closest('[disabled], option')) continue;
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (box.width <= 1 || box.height <= 1 || style.visibility === 'hidden') continue;
      const fg = luminance(rgb(style.color));
      const behind = background(el);
      const bg = luminance(behind);
      const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (Number(style.fontWeight) >= 700 && size >= 18.66);
      if (ratio < (large ? 3 : 4.5))
        out.add(
          `${ratio.toFixed(2)} ${style.color} on rgb(${behind.r}, ${behind.g}, ${behind.b}): ${n.textContent.trim().slice(0, 40)}`,
        );
    }
    return [...out];
  });
}
