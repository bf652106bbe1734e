import { createTheme, Modal, Notification, type CSSVariablesResolver } from "@mantine/core";

// Shade 8 of blue keeps white text on buttons and blue links above the 4.5:1 contrast of WCAG AA.
// Close buttons have no text of their own: they get their name in the user's language.
export function themeFor(closeLabel: string) {
  const closeButtonProps = { "aria-label": closeLabel };
  return createTheme({
    primaryColor: "blue",
    primaryShade: { light: 8, dark: 8 },
    defaultRadius: "sm",
    components: {
      Modal: Modal.extend({ defaultProps: { closeButtonProps } }),
      Notification: Notification.extend({ defaultProps: { closeButtonProps } }),
    },
  });
}

// Mantine's "dimmed" grey is too light on white for AA; a darker grey keeps the meaning.
export const resolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: {
    "--mantine-color-dimmed": t.colors.gray[7] ?? "#495057",
    "--mantine-color-placeholder": t.colors.gray[7] ?? "#495057",
    // Red 6 (3.3:1) is too light for a field's error message; red 9 is 5.9:1.
    "--mantine-color-error": t.colors.red[9] ?? "#c92a2a",
  },
  dark: {},
});

// Status colours dark enough for text on white (Mantine's green 9 is 4.35:1, under AA).
export const STATUS = { good: "#1e6b30", bad: "red.9", info: "blue.9", neutral: "dark" } as const;
