import { Checkbox, Table } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { ACTIONS } from "../rights";
import type { Catalogue } from "../session";

/** A module × action grid of checkboxes; `selected` holds "module:action" strings. Cells the
 * catalogue does not offer stay empty; `effective` marks rights held another way. */
export function ScopeGrid({
  catalogue,
  selected,
  onToggle,
  effective,
  subject,
  viaLabel,
}: {
  catalogue: Catalogue;
  selected: Set<string>;
  onToggle: (right: string) => void;
  effective?: Set<string>;
  subject?: string;
  viaLabel?: string;
}) {
  const { t } = useTranslation();
  return (
    <Table withTableBorder w="auto">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t("rights.module")}</Table.Th>
          {ACTIONS.map((a) => (
            <Table.Th key={a}>{t(`actions.${a}`)}</Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {catalogue.modules.map((m) => (
          <Table.Tr key={m.name}>
            <Table.Th scope="row">{t(`modules.${m.name}`)}</Table.Th>
            {ACTIONS.map((a) => {
              const right = `${m.name}:${a}`;
              if (!m.actions.includes(a)) return <Table.Td key={a} />;
              const via = effective?.has(right) && !selected.has(right);
              const label = subject
                ? t("rights.rightFor", {
                    module: t(`modules.${m.name}`),
                    action: t(`actions.${a}`),
                    username: subject,
                  })
                : `${t(`modules.${m.name}`)}: ${t(`actions.${a}`)}`;
              return (
                <Table.Td key={a}>
                  <Checkbox
                    aria-label={label}
                    data-right={right}
                    checked={selected.has(right)}
                    indeterminate={via}
                    onChange={() => onToggle(right)}
                    description={via ? viaLabel : undefined}
                  />
                </Table.Td>
              );
            })}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function toggled(set: Set<string>, item: string): Set<string> {
  const next = new Set(set);
  if (next.has(item)) next.delete(item);
  else next.add(item);
  return next;
}
