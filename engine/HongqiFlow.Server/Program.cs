using HongqiFlow.Server;

await ServerHost.Build(args).RunAsync();

/// <summary>The entry point; <c>hongqi serve</c> calls <see cref="ServerHost"/> directly, tests start this through WebApplicationFactory.</summary>
public partial class Program;
