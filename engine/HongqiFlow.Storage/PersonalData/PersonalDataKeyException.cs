namespace HongqiFlow.Storage.PersonalData;

/// <summary>
/// Personal data cannot be opened or written with the configured keys: a master key is missing or is not the one the
/// data was written with. Nothing is read or written in that case, so a wrong key never produces wrong data.
/// </summary>
public sealed class PersonalDataKeyException(string message) : StorageException(message);
