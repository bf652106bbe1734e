import { notifications } from "@mantine/notifications";

/** A short notice in the corner (its close button is named by the theme). */
export function notify(color: "green" | "red", message: string): void {
  notifications.show({ color, message });
}
