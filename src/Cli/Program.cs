// Entry point of the `mlnet-attention` command. The commands arrive with the trainer (issue 5).
return 0;
