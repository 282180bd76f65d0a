// Each collection starts its own hongqi serve and Chromium; on a small machine running them side by side starves the
// timing-sensitive tests (the 300-state render and drag), so the collections run one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
