"""Driving the real window with the keyboard only, and checking what a keyboard user sees.

Every move goes through `Keyboard` (TAB, ENTER, ESCAPE, arrows, typing into the focused
field; never a click), and every element the focus lands on is checked to show it: a computed
outline or box shadow. A scenario reads as a list of keys; `tests/e2e/test_keyboard.py` books
an appointment, and a new flow (recording a visit…) is one more function written the same way.
"""

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

# What the focused element is, and whether it shows that it has the focus.
FOCUS = """
const el = document.activeElement;
const css = getComputedStyle(el);
const outline = css.outlineStyle !== 'none' && parseFloat(css.outlineWidth) > 0;
return {
  tag: el.tagName.toLowerCase(),
  id: el.id,
  name: (el.getAttribute('aria-label') || el.labels?.[0]?.textContent || el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 80),
  visible: outline || css.boxShadow !== 'none',
  inDialog: !!el.closest('dialog[open]'),
  dialogOpen: !!document.querySelector('dialog[open]'),
};
"""


class Keyboard:
    def __init__(self, driver):
        self.driver = driver

    def press(self, *keys) -> dict:
        """Presses keys (one chord per call: press(Keys.SHIFT, Keys.TAB)); returns the focus."""
        chain = ActionChains(self.driver)
        for k in keys:
            chain.key_down(k)
        for k in reversed(keys):
            chain.key_up(k)
        chain.perform()
        return self.focus()

    def type(self, text: str) -> None:
        ActionChains(self.driver).send_keys(text).perform()

    def focus(self) -> dict:
        # Two frames: focus moves made in requestAnimationFrame have happened.
        self.driver.execute_async_script(
            "const d = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => d()));"
        )
        return self.driver.execute_script(FOCUS)

    def assert_visible(self, focus: dict) -> None:
        assert focus["visible"], f"the focused element shows no focus (outline or shadow): {focus}"

    def tab_to(self, matches, limit: int = 60, backwards: bool = False) -> dict:
        """Presses TAB until `matches(focus)`; every stop on the way must show its focus."""
        seen = []
        for _ in range(limit):
            focus = self.press(Keys.SHIFT, Keys.TAB) if backwards else self.press(Keys.TAB)
            if focus["tag"] != "body":
                self.assert_visible(focus)
            seen.append(focus["id"] or focus["name"])
            if matches(focus):
                return focus
        raise AssertionError(f"never reached with TAB; the focus went through: {seen}")

    def wait_focus(self, matches, seconds: float = 10) -> dict:
        """Waits until the focus is where `matches` says (after an action that moves it)."""
        WebDriverWait(self.driver, seconds).until(lambda d: matches(self.focus()))
        return self.focus()

    def assert_trapped(self, presses: int = 30) -> None:
        """TAB and SHIFT+TAB, many times over: the focus never leaves the open dialog."""
        for keys in ((Keys.TAB,), (Keys.SHIFT, Keys.TAB)):
            for _ in range(presses):
                focus = self.press(*keys)
                assert focus["inDialog"], f"the focus left the dialog: {focus}"
                self.assert_visible(focus)


def by_id(element_id: str):
    return lambda f: f["id"] == element_id


def by_name(text: str):
    return lambda f: f["name"] == text
