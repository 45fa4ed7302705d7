using Hub.ContractGen;

// Writes web/client/src/generated/contracts.ts from the contracts (docs/decisions/009-wire-contract-from-csharp.md).
// `--check` writes nothing and fails when the committed file differs, for scripts.
var path = WireContract.DefaultOutputPath();
var text = WireContract.Render();
var current = File.Exists(path) ? File.ReadAllText(path) : null;
if (args.Contains("--check"))
{
    Console.WriteLine(current == text ? $"{path} is up to date." : $"{path} is out of date: run {WireContract.Command}");
    return current == text ? 0 : 1;
}

if (current != text)
{
    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
    File.WriteAllText(path, text);
}

Console.WriteLine(current == text ? $"{path} was up to date." : $"Wrote {path}.");
return 0;
