using Failsafe.Server;

var app = ServerApp.Build(args);
app.Run();

/// <summary>The entry point, visible to tests (WebApplicationFactory).</summary>
public partial class Program;
