package com.groundwork.knowledge.internal;

/** How a document arrived: folder sync removes FOLDER documents whose file is gone, and never touches uploads. */
enum Origin {
	FOLDER, UPLOAD
}
