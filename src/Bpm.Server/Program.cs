using Bpm.Server.Hosting;

var app = BpmServer.Build(args);
await app.PrepareDatabaseAsync(CancellationToken.None);
await app.RunAsync();

/// <summary>Entry point; public so that tests can host it (WebApplicationFactory).</summary>
public partial class Program;
