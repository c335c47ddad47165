using Failsafe.Cli;

// Most commands resolve exercise names and print tables. The bundled catalog takes ~75 ms to load and
// Spectre.Console's first table ~40 ms to set up, so both get ready on the other core while this one starts the
// command line, opens the database and decides (bench/README.md, "Everyday commands"); whoever needs the catalog
// first waits for the one load. Not for --help and --version, which need neither.
if (args.Length > 0 && !args[0].StartsWith('-'))
{
    _ = Task.Run(() =>
    {
        _ = Failsafe.Store.Catalog.CatalogLoader.Default;
        var console = Io.CreateConsole(TextWriter.Null);
        console.Write(new Table().AddColumn("[bold]set[/]").AddRow("warm-up"));
    });
}
return FailsafeCli.Run(args, Console.Out, Console.Error, TimeProvider.System);
