namespace Hub.Contracts.Common;

/// <summary>
/// The person on whose behalf a grain call is made. Every call that reads or changes a partnership's
/// content carries it, so that the grain checks access itself and a bug in a web node cannot bypass it.
/// </summary>
[GenerateSerializer, Immutable, Alias("hub.actor")]
public sealed record Actor(
    [property: Id(0)] string UserId,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] bool IsPlatformAdmin = false);
