// xunit's Assert and attributes are used throughout the kit.
global using Xunit;
