import type { Page } from '@playwright/test';

/**
 * Records whether an element matching `selector` and holding `text` was ever in the page, however
 * briefly. (A script string: the tests' TypeScript has no DOM types; the page has.)
 */
export async function watchFor(page: Page, selector: string, text: string): Promise<() => Promise<boolean>> {
  const key = `seen-${Math.random().toString(36).slice(2)}`;
  const [k, sel, txt] = [key, selector, text].map((v) => JSON.stringify(v));
  await page.evaluate(`(() => {
    window[${k}] = false;
    const check = () => {
      if ([...document.querySelectorAll(${sel})].some((el) => el.textContent.includes(${txt}))) window[${k}] = true;
    };
    new MutationObserver(check).observe(document.body, { subtree: true, childList: true, characterData: true });
    check();
  })()`);
  return async () => (await page.evaluate(`window[${k}] === true`)) === true;
}
