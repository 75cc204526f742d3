using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace TaskBoard.Tests.Components;

/// <summary>
/// A bUnit context with MudBlazor's services; MudBlazor's own JS calls are answered loosely.
/// Disposed asynchronously (through IAsyncLifetime), since some MudBlazor services can only be.
/// </summary>
public abstract class MudContext : BunitContext, IAsyncLifetime
{
    protected MudContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}
