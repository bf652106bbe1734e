import { createTheme, type CSSVariablesResolver } from "@mantine/core";

// Shade 8 of blue keeps white text on buttons and blue links above the 4.5:1 contrast of WCAG AA.
export const theme = createTheme({
  primaryColor: "blue",
  primaryShade: { light: 8, dark: 8 },
  defaultRadius: "sm",
});

// Mantine's "dimmed" grey is too light on white for AA; a darker grey keeps the meaning.
export const resolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: {
    "--mantine-color-dimmed": t.colors.gray[7] ?? "#495057",
    "--mantine-color-placeholder": t.colors.gray[7] ?? "#495057",
  },
  dark: {},
});
