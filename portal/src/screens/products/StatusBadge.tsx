import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";

/** Dark shades keep white badge text above the AA contrast ratio (4.5:1); Mantine's own
 * shade 9 of green or red does not. */
export const DARK = {
  grey: "#495057",
  amber: "#8a4b00",
  teal: "#0b6e63",
  violet: "#5f3dc4",
  green: "#1e6b34",
  red: "#a51d1d",
  blue: "#1864ab",
} as const;

const COLORS: Record<string, string> = {
  draft: DARK.grey,
  submitted: DARK.amber,
  approved: DARK.teal,
  test: DARK.violet,
  live: DARK.green,
  withdrawn: DARK.red,
};

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <Badge color={COLORS[status] ?? DARK.grey}>{t(`products.statuses.${status}`, { defaultValue: t("products.statuses.unknown") })}</Badge>;
}
