namespace Hub.Runtime.Hosting;

/// <summary>
/// Hub cannot start and the operator can fix why: the message is the one line printed before the process
/// exits with a non-zero code.
/// </summary>
public sealed class HubStartupException : Exception
{
    public HubStartupException(string message) : base(message)
    {
    }

    public HubStartupException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public HubStartupException()
    {
    }
}
