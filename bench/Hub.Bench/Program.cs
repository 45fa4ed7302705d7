using Hub.Bench;
using Hub.Bench.Relay;
using Hub.Bench.Reporting;

if (args.FirstOrDefault() == "relay")
{
    return await RelayServer.RunAsync(args[1..]);
}

BenchOptions options;
try
{
    options = args.Contains("--help") ? throw new ArgumentException(BenchOptions.Usage) : BenchOptions.Parse(args);
}
catch (Exception ex) when (ex is ArgumentException or FormatException)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

var report = await BenchRunner.RunAsync(options, Console.WriteLine);
var path = await BenchRunner.WriteAsync(report, options.Output);
Console.WriteLine();
Console.WriteLine(Summary.Table(report));
Console.WriteLine($"JSON: {path}");
return 0;
