//! One site's poster: name, address, access, the week's hours, how to book, closures, QR code,
//! on one page whatever the size and print.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;

use super::{current, hours_block, logo_bytes, paper, PrintOptions, Scale, Size, ACCENT, SOFT};
use crate::documents::pdf::typo::french;
use crate::documents::pdf::{Canvas, Meta, Pdf, Rgb8, Style, Weight};
use crate::error::Result;
use crate::network::permanence::Permanence;
use crate::network::site::{Site, SiteId};
use crate::network::vocab::{PermanenceKind, WheelchairAccess};
use crate::{fr, network::closure};

/// One site's poster: name, address, access, the week's hours, how to book, closures, QR code.
/// It stays on one page: type shrinks as needed (never under 16 points in large print).
pub fn site_poster(
    conn: &Connection,
    id: SiteId,
    options: PrintOptions,
    now: DateTime<Utc>,
) -> Result<Pdf> {
    let today = crate::clock::today(now);
    let detail = crate::network::detail::site_detail(conn, id, today)?;
    let permanences = current(detail.permanences, today);
    let closures = closure::list_for_site(conn, id, today)?;
    let logo = logo_bytes(&options.logo)?;
    let full = Scale::of(&options, true);
    let floor = if options.large_print { 16.0 } else { 8.0 };
    let mut factor = 1.0;
    loop {
        let s = Scale {
            title: full.title * factor,
            heading: full.heading * factor,
            body: (full.body * factor).max(floor),
            small: (full.small * factor).max(if options.large_print { 16.0 } else { 7.0 }),
        };
        let c = draw_poster(
            &detail.site,
            &permanences,
            &closures,
            &s,
            &options,
            logo.as_deref(),
            today,
        )?;
        // Only the size that fits is finished (fonts subset, saved, previewed).
        if c.page_count() == 1 || s.body <= floor {
            return c.finish(&Meta {
                title: &format!("Permanence numérique – {}", detail.site.name),
                subject: "Lieu, horaires et accès d'une permanence numérique",
                created: now,
                author: "Permanences",
            });
        }
        factor *= 0.9;
    }
}

fn draw_poster(
    site: &Site,
    permanences: &[Permanence],
    closures: &[closure::Closure],
    s: &Scale,
    options: &PrintOptions,
    logo: Option<&[u8]>,
    today: NaiveDate,
) -> Result<Canvas> {
    let mut c = Canvas::new(
        paper(options.size),
        if options.size == Size::A4 { 42.0 } else { 30.0 },
    )?;
    let w = c.inner_width();
    let band = s.heading * 2.2;
    let band_width = c.width();
    c.fill(0.0, 0.0, band_width, band, ACCENT);
    c.line_at(
        c.margin,
        band * 0.28,
        "PERMANENCE NUMÉRIQUE",
        Style::new(s.heading, Weight::Bold).color(Rgb8::WHITE),
    );
    c.y = band + s.body;
    let mut title_width = w;
    if let Some(bytes) = logo {
        let right = c.width() - c.margin;
        let box_side = s.title * 2.2;
        let top = c.y;
        let (logo_width, _) = c.image(bytes, right, top, box_side, box_side)?;
        title_width = w - logo_width - s.body;
    }
    c.fitted(
        &site.name,
        Style::new(s.title, Weight::Bold).color(ACCENT),
        title_width,
        3,
        s.heading,
    );
    c.y += s.body * 0.3;
    // The QR code stands at the right of the address, where the short lines leave room.
    let side = if options.size == Size::A4 {
        100.0
    } else {
        72.0
    };
    let block_top = c.y;
    let with_qr = site.website.as_ref().is_some_and(|url| {
        let x = c.width() - c.margin - side;
        c.qr(x, block_top, side, url).is_ok()
    });
    let address_width = if with_qr { w - side - s.body } else { w };
    address_block(&mut c, site, s, address_width);
    if with_qr {
        c.y = c.y.max(block_top + side);
    }

    c.y += s.body;
    section(&mut c, "Quand venir ?", s);
    if permanences.is_empty() {
        c.paragraph(
            "Pas de permanence prévue pour l'instant.",
            Style::new(s.body, Weight::Regular),
            w,
        );
    } else {
        let x = c.margin;
        hours_block(&mut c, permanences, s, x, w);
    }
    booking_block(&mut c, site, permanences, s, w);
    if !closures.is_empty() {
        c.y += s.body * 0.5;
        section(&mut c, "Fermetures à venir", s);
        for cl in closures.iter().take(6) {
            c.paragraph(
                &format!("{} : fermé {}.", cl.reason, cl.label),
                Style::new(s.body, Weight::Regular),
                w,
            );
        }
    }
    if let Some(notes) = &site.public_notes {
        c.y += s.body * 0.5;
        c.paragraph(notes, Style::new(s.body, Weight::Regular), w);
    }
    let stamp = format!("Mis à jour le {}.", fr::date_long(today));
    let stamp_top = c.height() - c.margin * 0.6 - s.small;
    c.line_at(
        c.margin,
        stamp_top,
        &stamp,
        Style::new(s.small, Weight::Regular).color(SOFT),
    );
    Ok(c)
}

fn section(c: &mut Canvas, title: &str, s: &Scale) {
    c.keep(s.heading * 3.0);
    c.paragraph(
        &french(title),
        Style::new(s.heading, Weight::Bold).color(ACCENT),
        c.inner_width(),
    );
    c.y += s.body * 0.2;
}

fn address_block(c: &mut Canvas, site: &Site, s: &Scale, w: f32) {
    let body = Style::new(s.body, Weight::Regular);
    let mut lines = vec![site.address.clone()];
    if let Some(more) = &site.address_complement {
        lines.push(more.clone());
    }
    lines.push(format!("{} {}", site.postcode, site.city));
    c.paragraph(
        &french(&lines.join("\n")),
        Style::new(s.body, Weight::Bold),
        w,
    );
    let access = match site.wheelchair_access {
        WheelchairAccess::Unknown => None,
        other => Some(other.label().to_owned()),
    };
    for line in [access, site.public_transport.clone()]
        .into_iter()
        .flatten()
    {
        c.paragraph(&french(&line), body, w);
    }
}

fn booking_block(c: &mut Canvas, site: &Site, permanences: &[Permanence], s: &Scale, w: f32) {
    let by_appointment = permanences.iter().any(|p| p.kind != PermanenceKind::DropIn);
    let body = Style::new(s.body, Weight::Regular);
    let mut lines = Vec::new();
    if let Some(phone) = &site.phone {
        lines.push(format!("Par téléphone : {phone}"));
    }
    if let Some(email) = &site.email {
        lines.push(format!("Par e-mail : {email}"));
    }
    if let Some(url) = &site.website {
        lines.push(format!("Sur internet : {url}"));
    }
    if !by_appointment && lines.is_empty() {
        return;
    }
    c.y += s.body * 0.5;
    if by_appointment {
        section(c, "Prendre rendez-vous", s);
        if lines.is_empty() {
            lines.push("Demandez un rendez-vous à l'accueil du lieu.".to_owned());
        }
    } else {
        section(c, "Nous contacter", s);
    }
    c.paragraph(&french(&lines.join("\n")), body, w);
}
