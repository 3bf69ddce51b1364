// Interop tests measure real audio through real peers on a 2-core machine: run them one at a time, so a sipp load test in
// another class cannot starve baresip's audio and turn a correlation check into a coin toss.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
