package com.groundwork.lead.internal.importing;

import com.groundwork.identity.CurrentActor;
import com.groundwork.identity.Role;
import com.groundwork.lead.LeadImportReport;
import com.groundwork.lead.internal.contract.ContractViolatedException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * CSV import of leads: a multipart upload (field {@code file}) or a {@code text/csv} body. Both are read as a stream.
 */
@Tag(name = "Leads")
@RestController
class LeadImportController {

	private static final MediaType TEXT_CSV = MediaType.parseMediaType("text/csv");

	private final CsvLeadImport importer;
	private final CurrentActor currentActor;

	LeadImportController(CsvLeadImport importer, CurrentActor currentActor) {
		this.importer = importer;
		this.currentActor = currentActor;
	}

	@Operation(summary = "Import leads from CSV (multipart field 'file' or a text/csv body); columns are flattened contract "
			+ "paths such as contact.email; answers a report with each rejected row's number, field and message")
	@PostMapping("/api/leads/import")
	@RolesAllowed({ Role.Names.MARKETER, Role.Names.ADMIN })
	LeadImportReport importLeads(@RequestParam(name = "file", required = false) @Nullable MultipartFile file,
			HttpServletRequest request) throws IOException {
		var tenant = currentActor.tenant();
		if (file != null) {
			try (var reader = new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8)) {
				return importer.importCsv(tenant, reader);
			}
		}
		var contentType = request.getContentType() == null ? null : MediaType.parseMediaType(request.getContentType());
		if (contentType != null && MediaType.MULTIPART_FORM_DATA.includes(contentType)) {
			throw new ContractViolatedException("file", "is missing: send the CSV in the multipart field 'file'");
		}
		if (contentType != null && TEXT_CSV.includes(contentType)) {
			var charset = contentType.getCharset() == null ? StandardCharsets.UTF_8 : contentType.getCharset();
			try (var reader = new InputStreamReader(request.getInputStream(), charset)) {
				return importer.importCsv(tenant, reader);
			}
		}
		throw new NotCsvException(contentType);
	}

	/** The request carries no CSV: neither a multipart field {@code file} nor a text/csv body. */
	static final class NotCsvException extends ErrorResponseException {

		NotCsvException(@Nullable MediaType sent) {
			super(HttpStatus.UNSUPPORTED_MEDIA_TYPE, problem(sent), null);
			getHeaders().setAccept(List.of(TEXT_CSV, MediaType.MULTIPART_FORM_DATA));
		}

		private static ProblemDetail problem(@Nullable MediaType sent) {
			var problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
					(sent == null ? "The request has no body type" : "A " + sent + " body is not CSV")
							+ ": send the CSV as multipart/form-data field 'file' or as a text/csv body");
			problem.setTitle("Unsupported media type");
			return problem;
		}
	}

}
