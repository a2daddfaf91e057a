// Entry point of the benchmarks; each benchmark arrives with its issue.
return 0;
