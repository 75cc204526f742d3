using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using TaskBoard.Data;

namespace TaskBoard.Web.Auth;

/// <summary>The <c>DataProtection</c> configuration section.</summary>
public sealed class DataProtectionSettings
{
    public const string Section = "DataProtection";

    /// <summary>A certificate with its private key (PFX/PKCS#12, or PEM holding both) that encrypts the keys stored in the database.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PFX's password, or the PEM private key's; empty when it has none.</summary>
    public string? CertificatePassword { get; set; }
}

/// <summary>
/// The cookie and antiforgery keys live in the database (so every instance shares them). With a
/// certificate they are stored encrypted with it, so a database backup alone cannot forge cookies.
/// </summary>
public static class KeyProtection
{
    /// <summary>The certificate from configuration, or null when none is set; throws naming the key when it cannot be read.</summary>
    public static X509Certificate2? LoadCertificate(IConfiguration configuration)
    {
        var settings = Settings.Bind<DataProtectionSettings>(configuration, DataProtectionSettings.Section);
        if (string.IsNullOrWhiteSpace(settings.CertificatePath))
        {
            return null;
        }

        var pathKey = $"{DataProtectionSettings.Section}:CertificatePath";
        if (!File.Exists(settings.CertificatePath))
        {
            throw new InvalidConfigurationException($"{pathKey} names {settings.CertificatePath}, which does not exist.");
        }

        X509Certificate2 certificate;
        try
        {
            var password = string.IsNullOrEmpty(settings.CertificatePassword) ? null : settings.CertificatePassword;
            certificate = IsPem(settings.CertificatePath)
                ? password is null
                    ? X509Certificate2.CreateFromPemFile(settings.CertificatePath)
                    : X509Certificate2.CreateFromEncryptedPemFile(settings.CertificatePath, password)
                : X509CertificateLoader.LoadPkcs12FromFile(settings.CertificatePath, password, X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (CryptographicException e)
        {
            // The reason names no secret: a wrong password, or a file that is not a certificate.
            throw new InvalidConfigurationException(
                $"{pathKey} could not be read as a certificate with its private key (check {DataProtectionSettings.Section}:CertificatePassword): {e.Message}", e);
        }

        if (certificate.GetRSAPrivateKey() is null)
        {
            throw new InvalidConfigurationException($"{pathKey} must hold an RSA certificate together with its private key.");
        }

        return certificate;
    }

    public static IDataProtectionBuilder ProtectKeysWith(this IDataProtectionBuilder builder, X509Certificate2? certificate) =>
        certificate is null
            ? builder
            // Decryption is told the certificate directly: on Linux it is in no certificate store to be found in.
            : builder.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);

    private static bool IsPem(string path) =>
        File.ReadAllBytes(path) is var bytes && bytes.Length > 10 && System.Text.Encoding.ASCII.GetString(bytes, 0, Math.Min(bytes.Length, 4096)).Contains("-----BEGIN", StringComparison.Ordinal);
}
