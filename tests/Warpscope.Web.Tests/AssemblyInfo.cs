// The server and browser tests each start real servers, sessions and a browser on a 2-core CI
// machine; run the classes one after another so a browser test never waits behind a training one.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
