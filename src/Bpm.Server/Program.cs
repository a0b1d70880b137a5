using Bpm.Server.Hosting;

await BpmServer.Build(args).RunAsync();

/// <summary>Entry point; public so that tests can host it (WebApplicationFactory).</summary>
public partial class Program;
