'use client';

import { Alert, Group, Loader, Stack, Text, useComputedColorScheme } from '@mantine/core';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';

import { EChart } from '@/components/charts/echart';
import { useTraceSearch } from '@/components/queries/use-trace-search';

import { traceScatterOption } from './scatter-option';
import { apiParams, parseSearchUrl, searchUrl, type TraceSearchUrlState } from './search-url';
import { TraceResults } from './trace-results';
import { TraceSearchForm } from './trace-search-form';
import classes from './trace-search-page.module.css';

/** `/traces`: the search form (URL state), the duration scatter and the sortable result list. */
export function TraceSearchPage() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const state = useMemo(() => parseSearchUrl(new URLSearchParams(params.toString())), [params]);
  const query = useMemo(() => (state.service ? apiParams(state) : undefined), [state]);
  const search = useTraceSearch(query);
  const dark = useComputedColorScheme('light', { getInitialValueInEffect: true }) === 'dark';
  const traces = useMemo(() => search.data?.traces ?? [], [search.data]);
  const option = useMemo(() => traceScatterOption(traces, dark), [traces, dark]);

  const go = useCallback(
    (next: TraceSearchUrlState) => {
      const qs = searchUrl(next);
      router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
      // Same URL (Find again): refetch explicitly.
      if (qs === searchUrl(state)) void search.refetch();
    },
    [router, pathname, state, search],
  );
  const onEvents = useMemo(
    () => ({
      click: (p: unknown) => {
        const id = (p as { data?: unknown[] }).data?.[3];
        if (typeof id === 'string') router.push(`/traces/${id}`);
      },
    }),
    [router],
  );

  return (
    <div className={classes.page}>
      <aside className={classes.sidebar}>
        <TraceSearchForm value={state} onSubmit={go} searching={search.isFetching} />
      </aside>
      <section className={classes.results} aria-label="Search results">
        {!state.service && (
          <Stack p="xl" gap={4}>
            <Text fw={600}>Search traces</Text>
            <Text size="sm" c="dimmed">
              Choose a service (Istio names them &lt;app&gt;.&lt;namespace&gt;, e.g.
              productpage.bookinfo) and press Find traces.
            </Text>
          </Stack>
        )}
        {search.isError && (
          <Alert color="red" variant="light" m="sm" title="Search failed">
            {search.error.message}
          </Alert>
        )}
        {search.isPending && query && (
          <Group p="md" gap="xs">
            <Loader size="sm" />
            <Text size="sm" c="dimmed">
              Searching Jaeger for traces of {state.service}…
            </Text>
          </Group>
        )}
        {search.data && (
          <>
            <div className={classes.chart}>
              <EChart
                option={option}
                ariaLabel={`Duration of ${traces.length} traces over time; red dots have errors`}
                style={{ height: 180 }}
                onEvents={onEvents}
              />
              {search.isFetching && <Loader size="xs" className={classes.fetching} />}
            </div>
            {traces.length === 0 ? (
              <Text p="md" size="sm" c="dimmed">
                No traces match. Widen the lookback, drop a tag or the duration bounds.
              </Text>
            ) : (
              <TraceResults
                traces={traces}
                sort={state.sort}
                onSort={(sort) => go({ ...state, sort })}
                now={search.dataUpdatedAt}
              />
            )}
          </>
        )}
      </section>
    </div>
  );
}
