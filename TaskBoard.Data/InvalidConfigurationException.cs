namespace TaskBoard.Data;

/// <summary>A configuration value is missing or wrong. The message names the key and says how to fix it, and never holds a secret.</summary>
public sealed class InvalidConfigurationException(string message, Exception? innerException = null)
    : Exception(message, innerException);
