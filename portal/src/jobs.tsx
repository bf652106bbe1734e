/** A background job (a renewal run, a collection run) followed until it has finished: its
 * status, a progress bar, what it says while it runs and once done, and its failure. */
import { Alert, Card, Group, Progress, Stack, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { StatusBadge } from "./clerk/parts";
import { ErrorNotice } from "./ui";

export const FINISHED = ["done", "failed"];

export interface JobLike {
  id: string;
  number: string;
  status: string;
  done: number;
  total?: number | null;
  error?: string | null;
  params: Record<string, unknown>;
}

export function FollowedJob<J extends JobLike>({
  queryKey,
  load,
  onFinished,
  title,
  progressLabel,
  failed,
  children,
}: {
  queryKey: readonly unknown[];
  load: () => Promise<J>;
  onFinished: (job: J) => void;
  title: (job: J) => string;
  progressLabel: string;
  failed: (job: J) => string;
  children: (job: J) => ReactNode;
}) {
  const job = useQuery({
    queryKey,
    queryFn: async () => {
      const found = await load();
      if (FINISHED.includes(found.status)) onFinished(found);
      return found;
    },
    refetchInterval: (q) => (q.state.data && FINISHED.includes(q.state.data.status) ? false : 500),
  });
  const j = job.data;
  if (!j) return <ErrorNotice error={job.error} />;
  const total = j.total ?? 0;
  const share = total ? Math.round((100 * j.done) / total) : FINISHED.includes(j.status) ? 100 : 0;
  return (
    <Card withBorder mb="md" data-run={j.number}>
      <Stack gap="xs">
        <Group>
          <Text fw={700}>{title(j)}</Text>
          <StatusBadge status={j.status} />
        </Group>
        <Progress value={share} aria-label={progressLabel} size="lg" />
        {children(j)}
        {j.status === "failed" && (
          <Alert color="red" variant="outline" role="alert">
            <Text c="red.9">{failed(j)}</Text>
          </Alert>
        )}
      </Stack>
    </Card>
  );
}
