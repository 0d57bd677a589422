//! Addresses and failures of the network client ([`super::dav`]): an http(s) URL parsed for
//! its needs, paths compared as a server spells them, Basic credentials' base64, and the
//! French message of each failure (never with the password, nor what the person typed).

use std::fmt;
use std::net::IpAddr;

use ureq::http;

use super::xml;
use crate::error::{Error, Result};

/// No answer of a calendar server is larger: a bigger one is refused, not read into memory.
pub(super) const MAX_BODY: u64 = 64 * 1024 * 1024;

/// An answer larger than `limit` bytes (the client's, [`MAX_BODY`] for a desk), refused.
pub(super) fn too_large(url: &Url, limit: u64) -> Error {
    let size = if limit >= 1024 * 1024 {
        format!("{} Mo", limit / (1024 * 1024))
    } else {
        format!("{limit} octets")
    };
    Error::Network(format!(
        "Le serveur du réseau a envoyé une réponse trop volumineuse (plus de {size}, adresse \
         {url}) : prévenez la personne qui l'administre."
    ))
}

/// An answer read whole.
pub(super) struct Answer {
    pub(super) status: u16,
    /// The URL that answered, after redirects.
    pub(super) url: Url,
    pub(super) etag: Option<String>,
    pub(super) body: Vec<u8>,
}

impl Answer {
    pub(super) fn text(&self) -> Result<String> {
        String::from_utf8(self.body.clone()).map_err(|_| unreadable(&self.url))
    }

    pub(super) fn multistatus(&self) -> Result<xml::Multistatus> {
        let text = std::str::from_utf8(&self.body).map_err(|_| unreadable(&self.url))?;
        xml::parse_multistatus(text).map_err(|_| unreadable(&self.url))
    }

    pub(super) fn mentions(&self, word: &str) -> bool {
        String::from_utf8_lossy(&self.body).contains(word)
    }
}

pub(super) fn header(response: &http::Response<ureq::Body>, name: &str) -> Option<String> {
    let value = response.headers().get(name)?.to_str().ok()?;
    Some(value.trim().to_owned())
}

/// Whether two paths name the same resource: trailing slash and percent-encoding aside.
pub(super) fn same_path(a: &str, b: &str) -> bool {
    let decode = |p: &str| percent_decode(p.trim_end_matches('/'));
    decode(a) == decode(b)
}

pub(super) fn percent_decode(s: &str) -> Vec<u8> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    out
}

/// Standard base64 with padding, for Basic credentials.
pub(super) fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | (u32::from(b) << (16 - 8 * i)));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// An http(s) URL split for this client's needs; the user-info part is dropped, the scheme
/// and host are lower case, the default port left out: two spellings of an address compare
/// equal once parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Url {
    pub(super) scheme: &'static str,
    /// A name, an IPv4 address, or an IPv6 address in brackets.
    pub(super) host: String,
    pub(super) port: Option<u16>,
    /// From the first `/`, query included, fragment dropped.
    pub(super) path: String,
}

impl Url {
    /// Reads what the person typed; without a scheme, https is meant.
    pub(super) fn parse(text: &str) -> Result<Url> {
        let text = text.trim();
        let (scheme, rest) = match text.split_once("://") {
            Some((s, rest)) if s.eq_ignore_ascii_case("https") => ("https", rest),
            Some((s, rest)) if s.eq_ignore_ascii_case("http") => ("http", rest),
            Some(_) => return Err(invalid_text()),
            None => ("https", text),
        };
        let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let (authority, path) = rest.split_at(end);
        let authority = authority.rsplit_once('@').map_or(authority, |(_, a)| a);
        let (host, port) = match authority.strip_prefix('[') {
            Some(v6) => {
                let (inside, after) = v6.split_once(']').ok_or_else(invalid_text)?;
                (format!("[{inside}]"), after.strip_prefix(':'))
            }
            None => match authority.split_once(':') {
                Some((h, p)) => (h.to_owned(), Some(p)),
                None => (authority.to_owned(), None),
            },
        };
        let port = match port {
            Some(p) => Some(p.parse::<u16>().map_err(|_| invalid_text())?),
            None => None,
        };
        let valid_host = |c: char| c.is_ascii_alphanumeric() || "-._[]:".contains(c);
        if host.is_empty() || !host.chars().all(valid_host) {
            return Err(invalid_text());
        }
        let path = path.split('#').next().unwrap_or_default();
        let default = if scheme == "https" { 443 } else { 80 };
        Ok(Url {
            scheme,
            host: host.to_ascii_lowercase(),
            port: port.filter(|&p| p != default),
            path: if path.starts_with('/') {
                path.to_owned()
            } else {
                format!("/{path}")
            },
        })
    }

    pub(super) fn origin(&self) -> String {
        match self.port {
            Some(port) => format!("{}://{}:{port}", self.scheme, self.host),
            None => format!("{}://{}", self.scheme, self.host),
        }
    }

    /// An href of an answer (absolute URL, absolute path, or relative) against this URL.
    pub(super) fn join(&self, href: &str) -> Result<Url> {
        let href = href.trim();
        let lower = href.to_ascii_lowercase();
        if lower.starts_with("http://") || lower.starts_with("https://") {
            return Url::parse(href);
        }
        if let Some(rest) = href.strip_prefix("//") {
            return Url::parse(&format!("{}://{rest}", self.scheme));
        }
        let path = if href.starts_with('/') {
            href.to_owned()
        } else {
            let dir = self.path.rfind('/').map_or("/", |i| &self.path[..=i]);
            format!("{dir}{href}")
        };
        Ok(Url {
            path,
            ..self.clone()
        })
    }

    /// The same URL ending in `/`, as collections do.
    pub(super) fn as_collection(&self) -> Url {
        let mut url = self.clone();
        if !url.path.ends_with('/') && !url.path.contains('?') {
            url.path.push('/');
        }
        url
    }

    pub(super) fn is_loopback(&self) -> bool {
        let bare = self.host.trim_start_matches('[').trim_end_matches(']');
        bare == "localhost"
            || bare.ends_with(".localhost")
            || bare.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
    }
}

impl fmt::Display for Url {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.origin(), self.path)
    }
}

pub(super) fn invalid_text() -> Error {
    // What was typed is not repeated: it may carry a password (https://nom:secret@…).
    Error::Network(
        "L'adresse du serveur du réseau n'est pas valable : elle doit ressembler à \
         https://agenda.exemple.org/. Vérifiez-la dans les réglages du partage."
            .into(),
    )
}

pub(super) fn invalid(url: &Url) -> Error {
    Error::Network(format!(
        "L'adresse {url} n'est pas valable pour le serveur du réseau : vérifiez-la dans les \
         réglages du partage."
    ))
}

pub(super) fn unencrypted(url: &Url) -> Error {
    Error::Network(format!(
        "L'adresse {} n'est pas chiffrée (http://) : le mot de passe et les rendez-vous \
         passeraient en clair sur le réseau, rien n'a été envoyé. Utilisez l'adresse en \
         https:// du serveur ; s'il est sur le réseau local de l'association et n'a pas \
         d'adresse https, autorisez les connexions non chiffrées dans les réglages du partage.",
        url.origin()
    ))
}

pub(super) fn not_caldav(url: &Url) -> Error {
    Error::Network(format!(
        "Cette adresse n'est pas celle d'un serveur d'agendas (CalDAV) : {url}. Vérifiez \
         l'adresse que vous a donnée la personne qui administre le serveur (l'adresse du \
         serveur ou celle de votre agenda)."
    ))
}

pub(super) fn unreadable(url: &Url) -> Error {
    Error::Network(format!(
        "Le serveur a répondu d'une façon illisible (adresse {url}) : ce n'est peut-être pas \
         un serveur d'agendas (CalDAV), ou il rencontre un problème. Vérifiez l'adresse, puis \
         réessayez plus tard."
    ))
}

/// The error for a request not sent because the time given to it (a booking's wait) is over.
pub(super) fn too_late(url: &Url) -> Error {
    Error::Network(format!(
        "Le serveur du réseau n'a pas répondu à temps (adresse {}) : réessayez plus tard.",
        url.origin()
    ))
}

/// The error for a collection that is not on the server (any more).
pub(super) fn missing(url: &str) -> Error {
    match Url::parse(url) {
        Ok(url) => status_error(404, &url),
        Err(e) => e,
    }
}

pub(super) fn status_error(status: u16, url: &Url) -> Error {
    Error::Network(match status {
        401 => format!(
            "Le serveur refuse le nom d'utilisateur ou le mot de passe (adresse {}) : \
             vérifiez-les dans les réglages du partage, puis réessayez.",
            url.origin()
        ),
        403 => format!(
            "Le serveur refuse l'accès à cette adresse avec ce compte (code 403, adresse \
             {url}) : vérifiez l'adresse, ou demandez les droits nécessaires à la personne qui \
             administre le serveur."
        ),
        404 | 410 => format!(
            "Cette adresse n'existe pas sur le serveur du réseau (code {status}, adresse \
             {url}) : vérifiez l'adresse de l'agenda dans les réglages du partage."
        ),
        500..=599 => format!(
            "Le serveur du réseau a rencontré une erreur (code {status}, adresse {}) : \
             réessayez plus tard ; si cela dure, prévenez la personne qui l'administre.",
            url.origin()
        ),
        _ => format!(
            "Le serveur du réseau a refusé la demande (code {status}, adresse {url}) : \
             réessayez ; si cela recommence, prévenez la personne qui l'administre."
        ),
    })
}

/// The message for a failure before any answer: no connection, no time, no trust.
pub(super) fn transport_error(e: &ureq::Error, url: &Url) -> Error {
    use std::io::ErrorKind as K;
    let origin = url.origin();
    let unreachable = || {
        Error::Network(format!(
            "Le serveur du réseau ne répond pas (adresse {origin}) : vérifiez l'adresse et la \
             connexion à Internet, puis réessayez."
        ))
    };
    let detail = e.to_string();
    // rustls' verdicts come wrapped in an io::Error ("invalid peer certificate: …").
    if detail.contains("certificate") {
        return Error::Network(format!(
            "Le certificat du serveur n'est pas reconnu (adresse {origin}) : la connexion ne \
             serait pas sûre, rien n'a été envoyé. Vérifiez l'adresse ; si elle est juste, \
             prévenez la personne qui administre le serveur (certificat expiré ou \
             auto-signé ?)."
        ));
    }
    match e {
        ureq::Error::Timeout(_) => Error::Network(format!(
            "Le serveur du réseau met trop de temps à répondre (adresse {origin}) : la \
             connexion est peut-être lente ou le serveur surchargé. Réessayez dans un moment."
        )),
        ureq::Error::Io(io) if matches!(io.kind(), K::TimedOut | K::WouldBlock) => {
            Error::Network(format!(
                "Le serveur du réseau met trop de temps à répondre (adresse {origin}) : la \
                 connexion est peut-être lente ou le serveur surchargé. Réessayez dans un \
                 moment."
            ))
        }
        ureq::Error::HostNotFound | ureq::Error::ConnectionFailed => unreachable(),
        ureq::Error::Io(io) if io.kind() == K::InvalidData => unreadable(url),
        ureq::Error::Io(_) => unreachable(),
        ureq::Error::Protocol(_) | ureq::Error::LargeResponseHeader(..) => unreadable(url),
        ureq::Error::BodyExceedsLimit(_) => too_large(url, MAX_BODY),
        ureq::Error::Tls(_) | ureq::Error::Rustls(_) => Error::Network(format!(
            "La connexion chiffrée avec le serveur du réseau a échoué (adresse {origin}) : \
             vérifiez l'adresse (https://) ; si elle est juste, prévenez la personne qui \
             administre le serveur. (Détail : {detail})"
        )),
        ureq::Error::BadUri(_) | ureq::Error::Http(_) => invalid(url),
        _ => Error::Network(format!(
            "La connexion au serveur du réseau a échoué (adresse {origin}) : réessayez ; si \
             cela recommence, prévenez la personne qui administre le serveur. (Détail : \
             {detail})"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_normalised_and_joined() {
        let u = Url::parse("HTTPS://Nom:secret@Agenda.Example.org:443/dav/#x").unwrap();
        assert_eq!(u.to_string(), "https://agenda.example.org/dav/");
        let u = Url::parse("agenda.example.org").unwrap();
        assert_eq!(
            u.to_string(),
            "https://agenda.example.org/",
            "https by default"
        );
        let u = Url::parse("http://127.0.0.1:5232/accueil/").unwrap();
        assert_eq!(
            u.join("/accueil/cal/a%20b.ics").unwrap().to_string(),
            "http://127.0.0.1:5232/accueil/cal/a%20b.ics"
        );
        assert_eq!(
            u.join("cal/").unwrap().to_string(),
            "http://127.0.0.1:5232/accueil/cal/"
        );
        assert_eq!(
            u.join("http://127.0.0.1:5232/x/").unwrap(),
            Url::parse("http://127.0.0.1:5232/x/").unwrap()
        );
        assert_eq!(Url::parse("http://[::1]:8080/").unwrap().host, "[::1]");
        for bad in ["ftp://x/", "http://", "http://a b/", "http://x:99999/"] {
            assert!(Url::parse(bad).is_err(), "{bad} is not an address");
        }
    }

    #[test]
    fn loopback_hosts_only() {
        for (url, loopback) in [
            ("http://127.0.0.1/", true),
            ("http://127.8.9.10:1/", true),
            ("http://[::1]/", true),
            ("http://localhost:5232/", true),
            ("http://192.0.2.1/", false),
            ("http://localhost.example.org/", false),
            ("http://128.0.0.1/", false),
        ] {
            assert_eq!(Url::parse(url).unwrap().is_loopback(), loopback, "{url}");
        }
    }

    #[test]
    fn base64_matches_rfc_4648() {
        for (plain, encoded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foobar", "Zm9vYmFy"),
            ("accueil:mot-de-passe-1", "YWNjdWVpbDptb3QtZGUtcGFzc2UtMQ=="),
        ] {
            assert_eq!(base64(plain.as_bytes()), encoded);
        }
    }

    #[test]
    fn paths_compare_without_trailing_slash_or_encoding() {
        assert!(same_path("/a/b%20c/", "/a/b c"));
        assert!(!same_path("/a/b/", "/a/"));
    }
}
