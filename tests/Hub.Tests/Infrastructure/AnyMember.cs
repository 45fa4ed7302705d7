namespace Hub.Tests.Infrastructure;

/// <summary>Membership was checked by the grain when it committed the op; a replay need not check again.</summary>
internal sealed class AnyMember : IReadOnlySet<string>
{
    public static readonly AnyMember Instance = new();

    public int Count => int.MaxValue;

    public bool Contains(string item) => true;

    public IEnumerator<string> GetEnumerator() => Enumerable.Empty<string>().GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    public bool IsProperSubsetOf(IEnumerable<string> other) => false;

    public bool IsProperSupersetOf(IEnumerable<string> other) => true;

    public bool IsSubsetOf(IEnumerable<string> other) => false;

    public bool IsSupersetOf(IEnumerable<string> other) => true;

    public bool Overlaps(IEnumerable<string> other) => true;

    public bool SetEquals(IEnumerable<string> other) => false;
}
